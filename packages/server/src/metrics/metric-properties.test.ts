import {
  bucketsOf,
  clickhouseDialect,
  comparisonRange,
  compileQuery,
  DEFAULT_CATALOG,
  duckdbDialect,
  formatDay,
  parseDay,
  planQuery,
} from '@northstar/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runQuery } from './run-query.ts';
import { loadSessions, openTestStore, type SessionSpec } from './test-fixtures.ts';

const CHANNELS = ['Direct', 'Organic Search', 'Organic Social', 'Paid Social', 'Referral'];
const DEVICES = ['desktop', 'mobile', 'tablet'];
const START = Date.UTC(2026, 0, 1);
const SPAN_MS = 90 * 86_400_000;

const sessionArb = fc.record({
  minute: fc.integer({ min: 0, max: SPAN_MS / 60_000 - 1 }),
  visitor: fc.integer({ min: 0, max: 8 }),
  channel: fc.constantFrom(...CHANNELS),
  device: fc.constantFrom(...DEVICES),
  pageviews: fc.integer({ min: 0, max: 3 }),
  converts: fc.boolean(),
});
type Generated = typeof sessionArb extends fc.Arbitrary<infer T> ? T : never;

function toSpecs(sessions: Generated[]): SessionSpec[] {
  return sessions.map((s, i) => {
    const at = new Date(START + s.minute * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    const events: SessionSpec['events'] = [];
    for (let p = 0; p < s.pageviews; p++) events.push([p * 30, 'pageview', `/p${p}`]);
    if (s.converts || events.length === 0) events.push([100, s.converts ? 'goal' : 'custom', 'x']);
    return { id: `s${i}`, visitor: `v${s.visitor}`, at, channel: s.channel, device: s.device, events };
  });
}

async function withStore<T>(sessions: Generated[], work: (store: Awaited<ReturnType<typeof openTestStore>>) => Promise<T>): Promise<T> {
  const store = await openTestStore();
  try {
    await loadSessions(store, toSpecs(sessions));
    return await work(store);
  } finally {
    await store.close();
  }
}

const range = { from: '2026-01-01', to: '2026-04-01' };
// Half the sessions within 14 hours of a UTC month start (1 January to 1 April, so some fall in
// December and April), where timezones move them across months.
const nearMonthEdgeArb = fc
  .tuple(sessionArb, fc.boolean(), fc.constantFrom(0, 31, 59, 90), fc.integer({ min: -840, max: 839 }))
  .map(([s, near, day, minutes]) => (near ? { ...s, minute: day * 1440 + minutes } : s));
const sessionsArb = fc.array(sessionArb, { minLength: 1, maxLength: 25 });
const settings = { numRuns: 12 };

describe('metric properties', () => {
  it('rates stay in [0, 1] at every grain and breakdown', async () => {
    await fc.assert(
      fc.asyncProperty(
        sessionsArb,
        fc.constantFrom('all', 'week', 'month'),
        fc.constantFrom<string[]>([], ['channel'], ['device']),
        (sessions, grain, dimensions) =>
          withStore(sessions, async (store) => {
            const metrics = ['bounce_rate', 'conversion_rate', 'mobile_share', 'social_traffic_share', 'mobile_conversion_rate'];
            const { rows } = await runQuery(store, { metrics, ...range, grain: grain as 'all', dimensions });
            for (const row of rows)
              for (const m of metrics) {
                const v = row[m];
                if (v !== null) expect(v as number).toBeGreaterThanOrEqual(0);
                if (v !== null) expect(v as number).toBeLessThanOrEqual(1);
              }
          }),
      ),
      settings,
    );
  });

  it('additive breakdowns sum to their totals', async () => {
    await fc.assert(
      fc.asyncProperty(sessionsArb, fc.constantFrom('channel', 'device', 'landing_page'), (sessions, dimension) =>
        withStore(sessions, async (store) => {
          const metrics = ['sessions', 'pageviews', 'conversions', 'mobile_traffic'];
          const total = (await runQuery(store, { metrics, ...range, grain: 'month' })).rows;
          const parts = (await runQuery(store, { metrics, ...range, grain: 'month', dimensions: [dimension] })).rows;
          for (const row of total)
            for (const m of metrics) {
              const sum = parts.filter((p) => p.period === row.period).reduce((s, p) => s + Number(p[m]), 0);
              expect(sum).toBe(row[m]);
            }
        }),
      ),
      settings,
    );
  });

  it('comparison values equal the same query run on the comparison range', async () => {
    await fc.assert(
      fc.asyncProperty(
        sessionsArb,
        fc.integer({ min: 30, max: 85 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom('previous' as const, 'year' as const),
        fc.constantFrom('all' as const, 'week' as const, 'month' as const),
        (sessions, startDay, days, comparison, grain) =>
          withStore(sessions, async (store) => {
            const from = (parseDay('2026-01-01') as number) + startDay;
            const request = { metrics: ['sessions', 'bounce_rate'], from: formatDay(from), to: formatDay(from + days), grain };
            const compared = (await runQuery(store, { ...request, comparison })).rows;
            const before = comparisonRange({ from, to: from + days }, comparison);
            const direct = (await runQuery(store, { ...request, from: formatDay(before.from), to: formatDay(before.to) })).rows;
            compared.forEach((row, i) => {
              expect(row.sessions_previous).toBe(direct[i]?.sessions ?? null);
              expect(row.bounce_rate_previous).toBe(direct[i]?.bounce_rate ?? null);
            });
          }),
      ),
      settings,
    );
  });

  it('days follow the timezone: each session counts on its local calendar day', async () => {
    await fc.assert(
      fc.asyncProperty(
        sessionsArb,
        fc.constantFrom('UTC', 'Europe/Warsaw', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'),
        (sessions, timezone) =>
          withStore(sessions, async (store) => {
            const { rows } = await runQuery(store, { metrics: ['sessions'], from: '2026-01-02', to: '2026-03-30', grain: 'day', timezone });
            const expected = new Map<string, number>();
            const local = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
            for (const s of sessions) {
              const day = local.format(new Date(START + s.minute * 60_000));
              if (day >= '2026-01-02' && day < '2026-03-30') expected.set(day, (expected.get(day) ?? 0) + 1);
            }
            for (const row of rows) expect(row.sessions).toBe(expected.get(String(row.period)) ?? 0);
            expect(rows).toHaveLength(87);
          }),
      ),
      settings,
    );
  });

  it('months, quarters and years follow the timezone, in the range and its previous period', async () => {
    const dayArb = (edges: number[]) => fc.oneof(fc.constantFrom(...edges), fc.integer({ min: 0, max: 90 }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(nearMonthEdgeArb, { minLength: 1, maxLength: 25 }),
        fc.constantFrom('UTC', 'Europe/London', 'Europe/Warsaw', 'Asia/Kolkata', 'America/New_York'),
        fc.constantFrom('month' as const, 'quarter' as const, 'year' as const),
        dayArb([0, 31, 59]),
        dayArb([31, 59, 90]),
        (sessions, timezone, grain, a, b) =>
          withStore(sessions, async (store) => {
            const first = parseDay('2026-01-01') as number;
            const range = { from: first + Math.min(a, b), to: first + Math.max(a, b) + 1 };
            const request = { metrics: ['sessions'], from: formatDay(range.from), to: formatDay(range.to), grain, timezone };
            const { rows } = await runQuery(store, { ...request, comparison: 'previous' });
            const local = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
            const days = sessions.map((s) => parseDay(local.format(new Date(START + s.minute * 60_000))) as number);
            const count = (bucket: { from: number; to: number } | undefined) =>
              bucket ? days.filter((d) => d >= bucket.from && d < bucket.to).length : null;
            const current = bucketsOf(range, grain);
            const previous = bucketsOf(comparisonRange(range, 'previous'), grain);
            expect(rows.map((r) => [r.period, r.sessions, r.sessions_previous])).toEqual(
              current.map((bucket, i) => [bucket.label, count(bucket), count(previous[i])]),
            );
          }),
      ),
      { numRuns: 30 },
    );
  });

  it('places rows in months by date parts where bucket edges are UTC midnights, else by comparing with the edges', () => {
    const sql = (timezone: string, from: string, to: string, metric = 'sessions', dialect = duckdbDialect) =>
      compileQuery(
        DEFAULT_CATALOG,
        planQuery(DEFAULT_CATALOG, { metrics: [metric], from, to, grain: 'month', comparison: 'previous' }, { timezone, now: new Date() }),
        dialect,
      ).sql;
    const byParts = (text: string) => text.includes('month(') && !text.includes('CASE WHEN');
    expect(byParts(sql('UTC', '2026-01-01', '2026-04-01'))).toBe(true);
    expect(byParts(sql('Europe/London', '2026-01-01', '2026-03-01'))).toBe(true); // November to March: UTC+0
    expect(byParts(sql('Europe/London', '2026-01-01', '2026-05-01'))).toBe(false); // April starts at 23:00 UTC
    expect(byParts(sql('Europe/Warsaw', '2026-01-01', '2026-04-01'))).toBe(false);
    expect(byParts(sql('Asia/Kolkata', '2026-01-01', '2026-04-01', 'marketing_spend'))).toBe(true); // spend's day is a date
    expect(byParts(sql('UTC', '2026-01-15', '2026-04-01'))).toBe(false); // the previous period splits January
    // ClickHouse names the zone for a DateTime, and may not for a Date.
    const clickhouse = sql('UTC', '2026-01-01', '2026-04-01', 'sessions', clickhouseDialect);
    expect(clickhouse).toContain(`toMonth(src."started_at", 'UTC')`);
    expect(clickhouse).not.toContain('CASE WHEN');
    expect(sql('Asia/Kolkata', '2026-01-01', '2026-04-01', 'marketing_spend', clickhouseDialect)).toContain('toMonth(src."date")');
    expect(sql('Asia/Kolkata', '2026-01-01', '2026-04-01', 'sessions', clickhouseDialect)).toContain('CASE WHEN');
  });
});
