import { parseQueryRequest } from '@northstar/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { runQuery } from './run-query.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1, 12);
let store: DuckDbStore;

function session(id: string, visitor: string, day: number, channel: string, contact: string | null = null) {
  return {
    event_id: id,
    site: 'default',
    timestamp: T0 + day * DAY,
    type: 'pageview',
    visitor_id: visitor,
    session_id: `${visitor}-${id}`,
    session_derived: false,
    contact_id: contact,
    path: '/',
    channel,
  };
}

beforeAll(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
  // c1: Organic Search (Jan 2) > Paid Search (Jan 4) > Direct (Jan 6); deal of 1000 won on Jan 21.
  // c2: Email (Jan 3); an order of 100 on Feb 10.
  await store.insertRows('events', [
    session('e1', 'v1', 1, 'Organic Search'),
    session('e2', 'v1', 3, 'Paid Search'),
    session('e3', 'v1', 5, 'Direct', 'c1'),
    session('e4', 'v2', 2, 'Email', 'c2'),
  ]);
  await store.refreshSessions();
  await store.insertRows('contacts', [
    { contact_id: 'c1', created_at: T0 + 5 * DAY + 60_000, channel: 'Organic Search' },
    { contact_id: 'c2', created_at: T0 + 2 * DAY + 60_000, channel: 'Email' },
  ]);
  await store.insertRows('deals', [
    { deal_id: 'd1', contact_id: 'c1', created_at: T0 + 10 * DAY, closed_at: T0 + 20 * DAY, status: 'won', amount: 1000 },
  ]);
  await store.insertRows('orders', [{ order_id: 'o1', contact_id: 'c2', timestamp: T0 + 40 * DAY, amount: 100 }]);
  await store.insertRows('spend', [
    {
      date: '2026-01-15',
      amount: 500,
      channel: 'Paid Search',
      category: 'advertising',
      department: 'marketing',
      program: 'digital',
      campaign: '',
      vendor: '',
    },
  ]);
});
afterAll(async () => {
  await store.close();
});

async function query(input: Record<string, unknown>) {
  return (await runQuery(store, parseQueryRequest({ from: '2026-01-01', to: '2026-03-01', ...input }))).rows;
}

describe('attributed revenue under a chosen model', () => {
  it('the default (last non-direct touch) credits the deal to Paid Search', async () => {
    const rows = await query({ metrics: 'attributed_revenue', by: 'channel' });
    expect(rows).toEqual(
      expect.arrayContaining([
        { channel: 'Paid Search', attributed_revenue: 1000 },
        { channel: 'Email', attributed_revenue: 100 },
      ]),
    );
  });

  it('first touch credits it to Organic Search; linear splits it in three', async () => {
    const first = await query({ metrics: 'attributed_revenue', by: 'channel', model: 'first_touch' });
    expect(first).toEqual(
      expect.arrayContaining([
        { channel: 'Organic Search', attributed_revenue: 1000 },
        { channel: 'Email', attributed_revenue: 100 },
      ]),
    );
    expect(first.find((r) => r.channel === 'Paid Search')?.attributed_revenue ?? 0).toBe(0);
    const linear = await query({ metrics: 'attributed_revenue', by: 'channel', model: 'linear' });
    for (const channel of ['Organic Search', 'Paid Search', 'Direct']) {
      expect(linear.find((r) => r.channel === channel)?.attributed_revenue).toBeCloseTo(1000 / 3, 9);
    }
  });

  it('places credits in their months and keeps the totals of roi and roas', async () => {
    // Jan: deal 1000, spend 500 (ad spend). Feb: order 100, no spend.
    const rows = await query({ metrics: 'attributed_revenue,roi,roas', grain: 'month', model: 'markov' });
    expect(rows).toEqual([
      { period: '2026-01-01', attributed_revenue: 1000, roi: 1, roas: 2 },
      { period: '2026-02-01', attributed_revenue: 100, roi: null, roas: null },
    ]);
  });

  it('compares with the previous period under the model too', async () => {
    const rows = await query({
      from: '2026-02-01',
      to: '2026-03-01',
      metrics: 'attributed_revenue',
      compare: 'previous',
      model: 'shapley',
    });
    expect(rows).toEqual([{ attributed_revenue: 100, attributed_revenue_previous: 1000 }]);
  });

  it("uses the workspace's default model when the query names none", async () => {
    await store.updateSettings({ attributionModel: 'first_touch' });
    try {
      const rows = await query({ metrics: 'attributed_revenue', by: 'channel' });
      expect(rows.find((r) => r.channel === 'Organic Search')?.attributed_revenue).toBe(1000);
    } finally {
      await store.updateSettings({ attributionModel: 'last_non_direct' });
    }
  });

  it.each([
    [{ metrics: 'attributed_revenue', model: 'magic' }, 'model'],
    [{ metrics: 'attributed_revenue', model: 'linear', by: 'device' }, "dimension 'device' not allowed"],
    [{ metrics: 'attributed_revenue', model: 'linear', filter: 'channel=Email' }, "filters cannot be combined with model 'linear'"],
  ])('%j is refused clearly', async (input, message) => {
    await expect(query(input)).rejects.toThrow(message);
  });
});
