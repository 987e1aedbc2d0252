import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { runQuery } from './run-query.ts';
import { load, openTestStore, utc } from './test-fixtures.ts';

// Kept plans and SQL (runQuery's plan cache) must never answer for a different question.
let store: Store;
beforeAll(async () => {
  store = await openTestStore();
  await load(store, 'contacts', [
    { contact_id: 'late-january', created_at: utc('2026-01-31 23:30') }, // 1 February in Warsaw
    { contact_id: 'mid-february', created_at: utc('2026-02-14 12:00') },
    { contact_id: 'march', created_at: utc('2026-03-02 12:00') },
  ]);
});
afterAll(async () => store.close());

const monthly = { metrics: ['leads'], from: '2026-01-01', to: '2026-04-01', grain: 'month' as const, comparison: 'previous' as const };
const leads = async (request: Parameters<typeof runQuery>[1], now?: Date) =>
  (await runQuery(store, request, now ? { now } : {})).rows.map((r) => [r.period, r.leads, r.leads_previous]);

describe('runQuery with kept plans', () => {
  it('plans again when the workspace timezone changes', async () => {
    expect(await leads(monthly)).toEqual([
      ['2026-01-01', 1, 0],
      ['2026-02-01', 1, 0],
      ['2026-03-01', 1, 0],
    ]);
    await store.updateSettings({ timezone: 'Europe/Warsaw' });
    expect(await leads(monthly)).toEqual([
      ['2026-01-01', 0, 0],
      ['2026-02-01', 2, 0],
      ['2026-03-01', 1, 0],
    ]);
    await store.updateSettings({ timezone: 'UTC' });
    expect((await leads(monthly))[0]).toEqual(['2026-01-01', 1, 0]);
  });

  it('plans again when the default range moves with today', async () => {
    const recent = { metrics: ['leads'] }; // the default range: the 30 days up to today
    const counts = [];
    for (const today of ['2026-02-16', '2026-03-20', '2026-04-20']) {
      counts.push((await runQuery(store, recent, { now: new Date(utc(`${today} 10:00`)) })).rows[0]?.leads);
    }
    expect(counts).toEqual([2, 1, 0]); // late-january, mid-february | march | none
  });

  it('splits one scan of both ranges back into the range and its comparison, at every grain', async () => {
    const quarter = { metrics: ['leads'], from: '2026-02-01', to: '2026-04-01', comparison: 'previous' as const };
    expect((await runQuery(store, quarter)).rows).toEqual([{ leads: 2, leads_previous: 1 }]);
    expect((await runQuery(store, { ...quarter, grain: 'month' })).rows).toEqual([
      { period: '2026-02-01', leads: 1, leads_previous: 0 }, // against December
      { period: '2026-03-01', leads: 1, leads_previous: 1 }, // against January
    ]);
  });
});

describe('calendar buckets of a date column', () => {
  // A date has no time of day: it falls in its own month in every workspace timezone, on the
  // path that reads the month from the date (edges that are not UTC midnights do not matter).
  let spendStore: Store;
  beforeAll(async () => {
    spendStore = await openTestStore();
    const spend = (date: string, amount: number) => ({ date, amount, channel: 'Paid Search', department: 'marketing' });
    await load(spendStore, 'spend', [
      spend('2025-12-31', 1),
      spend('2026-01-01', 10),
      spend('2026-01-31', 100),
      spend('2026-02-01', 1000),
      spend('2026-03-31', 10_000),
      spend('2026-04-01', 100_000),
    ]);
  });
  afterAll(async () => spendStore.close());

  it.each(['Asia/Kolkata', 'America/New_York', 'UTC'])('months and quarters in %s, with the previous period', async (timezone) => {
    const spendOf = async (grain: 'month' | 'quarter', from: string, to: string) =>
      (await runQuery(spendStore, { metrics: ['marketing_spend'], from, to, grain, timezone, comparison: 'previous' })).rows.map((r) => [
        r.period,
        r.marketing_spend,
        r.marketing_spend_previous,
      ]);
    expect(await spendOf('month', '2026-01-01', '2026-04-01')).toEqual([
      ['2026-01-01', 110, 0], // October
      ['2026-02-01', 1000, 0], // November
      ['2026-03-01', 10_000, 1], // December
    ]);
    expect(await spendOf('quarter', '2026-01-01', '2026-07-01')).toEqual([
      ['2026-01-01', 11_110, 0], // Q3 2025
      ['2026-04-01', 100_000, 1], // Q4 2025
    ]);
  });
});
