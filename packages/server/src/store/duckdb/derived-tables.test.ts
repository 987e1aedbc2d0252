import {
  compileQuery,
  DEFAULT_CATALOG,
  duckdbDialect,
  localMidnightUtc,
  parseDay,
  planQuery,
  type QueryRequest,
  reachSql,
  type StoredRow,
  shapeResult,
  visitorSessionsSql,
} from '@northstar/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runQuery } from '../../metrics/run-query.ts';
import { loadSessions, type SessionSpec, sessionEvents, utc } from '../../metrics/test-fixtures.ts';
import { DuckDbStore } from './duckdb-store.ts';

const contact = (id: string, day: string): StoredRow => ({ contact_id: id, created_at: utc(`${day} 12:00`) });
const stage = (id: string, name: string, day: string): StoredRow => ({ contact_id: id, stage: name, timestamp: utc(`${day} 12:00`) });
const q1 = { from: '2026-01-01', to: '2026-04-01', grain: 'month' as const };

let store: DuckDbStore;
beforeEach(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
});
afterEach(async () => store.close());

async function series(metric: string): Promise<unknown[]> {
  const { rows } = await runQuery(store, { metrics: [metric], ...q1 });
  return rows.map((row) => row[metric]);
}

/** The maintained table holds exactly what the inline SQL computes. */
async function expectReachInSync(): Promise<void> {
  const columns =
    'contact_id, lead_at, mql_at, sql_at, sal_at, opportunity_at, customer_at, churned_at, lost_at, furthest_rank, last_stage_at';
  const inline = await store.query(`SELECT ${columns} FROM (${reachSql(duckdbDialect)}) ORDER BY contact_id`);
  const kept = await store.query(`SELECT ${columns} FROM contact_reach ORDER BY contact_id`);
  expect(kept).toEqual(inline);
}

describe('contact_reach is kept up to date on load', () => {
  it('after inserts, imports that add and replace rows, and deletes', async () => {
    await store.insertRows('contacts', [contact('a', '2026-01-10'), contact('b', '2026-01-20')]);
    await store.insertRows('stages', [stage('a', 'mql', '2026-02-01')]);
    expect(await series('leads')).toEqual([2, 0, 0]);
    expect(await series('mqls')).toEqual([0, 1, 0]);
    await expectReachInSync();

    // An import adds b's SQL (b then counts as an MQL at its SQL time) and a new contact c.
    const stages = await store.beginImport('stages');
    await stages.append([stage('b', 'sql', '2026-03-05')]);
    await stages.commit();
    const contacts = await store.beginImport('contacts');
    await contacts.append([contact('c', '2026-03-01'), contact('a', '2026-02-15')]); // a's creation moves to February
    await contacts.commit();
    expect(await series('leads')).toEqual([1, 1, 1]);
    expect(await series('mqls')).toEqual([0, 1, 1]);
    expect(await series('sqls')).toEqual([0, 0, 1]);
    await expectReachInSync();

    await store.deleteWhere('stages', 'contact_id = $1', ['b']);
    await store.deleteWhere('contacts', 'contact_id = $1', ['c']);
    expect(await series('leads')).toEqual([1, 1, 0]);
    expect(await series('mqls')).toEqual([0, 1, 0]);
    await expectReachInSync();
  });
});

/** The maintained table holds exactly what the inline SQL computes. */
async function expectVisitorSessionsInSync(): Promise<void> {
  const order = 'ORDER BY session_id';
  const inline = await store.query(`SELECT * FROM (${visitorSessionsSql()}) ${order}`);
  const kept = await store.query(`SELECT session_id, visitor_id, started_at, previous_started_at FROM visitor_sessions ${order}`);
  expect(kept).toEqual(inline);
}

async function expectSlotsInSync(): Promise<void> {
  const slots = `SELECT time_bucket(INTERVAL 900 SECOND, started_at) AS slot_start, count(*) AS sessions,
      count(*) FILTER (WHERE converted) AS converted_sessions, count(*) FILTER (WHERE bounced) AS bounced_sessions,
      sum(pageviews) AS pageviews FROM sessions GROUP BY slot_start ORDER BY slot_start`;
  const kept = await store.query(
    'SELECT slot_start, sessions, converted_sessions, bounced_sessions, pageviews FROM session_slots ORDER BY slot_start',
  );
  expect(kept).toEqual(await store.query(slots));
}

/** The same request computed from sessions (count(DISTINCT visitor_id) …), without derived tables. */
async function inlineResult(request: QueryRequest) {
  const plan = planQuery(DEFAULT_CATALOG, request, { timezone: 'UTC' });
  const compiled = compileQuery(DEFAULT_CATALOG, plan, duckdbDialect);
  return shapeResult(DEFAULT_CATALOG, plan, await store.read(compiled.sql, compiled.params), compiled.valueColumns);
}

const visit = (id: string, visitor: string, at: string, pageviews = 1): SessionSpec => ({
  id,
  visitor,
  at,
  events:
    pageviews === 0
      ? [[0, 'custom', 'x']]
      : Array.from({ length: pageviews }, (_, i) => [i * 10, 'pageview', `/p${i}`] as [number, string, string]),
});

describe('visitor_sessions is kept up to date on load', () => {
  it('after a full refresh, live session refreshes, and deletes (with session_slots)', async () => {
    // v1: Jan 5, Jan 20, Feb 3 · v2: Jan 10, and a session without pageviews Feb 1
    await loadSessions(store, [
      visit('a1', 'v1', '2026-01-05 10:00'),
      visit('a2', 'v1', '2026-01-20 10:00'),
      visit('a3', 'v1', '2026-02-03 10:00'),
      visit('b1', 'v2', '2026-01-10 10:00'),
      visit('b2', 'v2', '2026-02-01 10:00', 0),
    ]);
    expect(await series('visitors')).toEqual([2, 1, 0]);
    await expectVisitorSessionsInSync();
    await expectSlotsInSync();

    // Live: v2 views a page in March, v3 arrives, v1 gets a session between two of its own.
    const live = [visit('b3', 'v2', '2026-03-02 10:00'), visit('c1', 'v3', '2026-03-03 10:00'), visit('a4', 'v1', '2026-03-01 09:00')];
    await store.insertRows('events', live.flatMap(sessionEvents));
    await store.refreshSessionsFor(['b3', 'c1', 'a4'], utc('2026-03-01 00:00'));
    expect(await series('visitors')).toEqual([2, 1, 3]);
    expect(await series('sessions')).toEqual([3, 2, 3]);
    await expectVisitorSessionsInSync();
    await expectSlotsInSync();

    await store.deleteWhere('sessions', 'visitor_id = $1', ['v1']);
    expect(await series('visitors')).toEqual([1, 0, 2]);
    expect(await series('sessions')).toEqual([1, 1, 2]);
    await expectVisitorSessionsInSync();
    await expectSlotsInSync();
  });

  it('gives the same values as the queries over sessions, at every grain and timezone', async () => {
    const sessionArb = fc.record({
      minute: fc.integer({ min: 0, max: 100 * 24 * 60 }),
      visitor: fc.integer({ min: 0, max: 6 }),
      pageviews: fc.integer({ min: 0, max: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(sessionArb, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('all', 'day', 'week', 'month'),
        fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu'),
        async (sessions, grain, timezone) => {
          await store.deleteWhere('events', '1 = 1');
          await store.deleteWhere('sessions', '1 = 1');
          const at = (minute: number) => new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString().slice(0, 16).replace('T', ' ');
          await loadSessions(
            store,
            sessions.map((x, i) => visit(`s${i}`, `v${x.visitor}`, at(x.minute), x.pageviews)),
          );
          const request: QueryRequest = {
            metrics: ['visitors'],
            from: '2026-01-10',
            to: '2026-03-20',
            grain: grain as 'all',
            timezone,
            comparison: 'previous',
          };
          expect((await runQuery(store, request)).rows).toEqual((await inlineResult(request)).rows);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('session_slots is only read when buckets start on its 15-minute slots', () => {
  it('falls back to sessions where local midnight is not on a quarter hour (Monrovia, 1971)', async () => {
    const midnight = Date.parse(`${localMidnightUtc(parseDay('1971-03-01') as number, 'Africa/Monrovia').replace(' ', 'T')}Z`);
    expect(midnight % 900_000).not.toBe(0);
    // 10 s after local midnight: in the slot that starts before it, but a session of March 1.
    const at = new Date(midnight + 10_000).toISOString().slice(0, 19).replace('T', ' ');
    await loadSessions(store, [visit('m1', 'v1', at)]);
    const request: QueryRequest = {
      metrics: ['sessions'],
      from: '1971-02-28',
      to: '1971-03-02',
      grain: 'day',
      timezone: 'Africa/Monrovia',
    };
    const { rows } = await runQuery(store, request);
    expect(rows).toEqual([
      { period: '1971-02-28', sessions: 0 },
      { period: '1971-03-01', sessions: 1 },
    ]);
    expect(rows).toEqual((await inlineResult(request)).rows);
  });
});
