import type { StoredRow } from '@northstar/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { sessionsSelectSql } from '../store/duckdb/sessions-sql.ts';
import { SessionAggregate } from './session-aggregate.ts';

const T0 = Date.UTC(2026, 2, 1, 8);

const eventArb = fc.record({
  // Repeated offsets make ties on the timestamp, decided by event id.
  offset: fc.constantFrom(0, 0, 1, 1500, 60_000, 600_000),
  id: fc.constantFrom('a', 'b', 'B', 'e10', 'e9', 'z', 'é'),
  type: fc.constantFrom('pageview', 'pageview', 'custom', 'goal', 'form_submit', 'scroll'),
  path: fc.constantFrom('/', '/pricing', null),
  contact: fc.constantFrom(null, null, 'c1', 'c2'),
  country: fc.constantFrom(null, 'DE', 'FR'),
  source: fc.constantFrom(null, 'google', 'newsletter'),
  device: fc.constantFrom(null, 'mobile', 'desktop'),
});

let store: DuckDbStore;
beforeAll(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
});
afterAll(async () => {
  await store.close();
});

describe('SessionAggregate', () => {
  it('gives the row the store SQL gives for the same events, in any arrival order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(eventArb, { minLength: 1, maxLength: 12, selector: (e) => e.id }), async (steps) => {
        await store.query('DELETE FROM events');
        const rows: StoredRow[] = steps.map((step) => ({
          event_id: step.id,
          site: 'shop',
          timestamp: T0 + step.offset,
          type: step.type,
          visitor_id: 'v1',
          session_id: 's1',
          session_derived: true,
          contact_id: step.contact,
          path: step.path,
          country: step.country,
          source: step.source,
          medium: step.source === null ? null : 'm',
          channel: step.source === null ? null : 'Referral',
          device: step.device,
        }));
        await store.insertRows('events', rows);
        const [expected] = await store.query(
          `SELECT * EXCLUDE (started_at, ended_at), epoch_ms(started_at) AS started_at, epoch_ms(ended_at) AS ended_at
           FROM (${sessionsSelectSql('')})`,
        );
        const [first, ...rest] = rows;
        const aggregate = new SessionAggregate('s1', first as StoredRow);
        for (const row of rest) aggregate.add(row);
        expect(aggregate.toRow()).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
