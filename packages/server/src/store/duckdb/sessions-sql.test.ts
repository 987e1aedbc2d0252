import { type SessionEvent, sessionizeEvents } from '@northstar/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DuckDbStore } from './duckdb-store.ts';

const T0 = Date.UTC(2026, 2, 1, 8);
const GAPS = [0, 60_000, 29 * 60_000, 30 * 60_000, 30 * 60_000 + 1000, 2 * 3_600_000];
const SOURCES: Array<[string | null, string | null]> = [
  [null, null],
  ['(direct)', '(none)'],
  ['google', 'organic'],
  ['google', 'cpc'],
  ['facebook', 'social'],
];

const eventArb = fc.record({
  gap: fc.constantFrom(...GAPS),
  source: fc.constantFrom(...SOURCES),
  campaign: fc.constantFrom(null, null, 'spring'),
});

describe('SQL sessionization', () => {
  it('groups events into the same sessions as the core rules used by the live collector', async () => {
    const store = await DuckDbStore.open({ path: ':memory:' });
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 14 }), async (steps) => {
          await store.query('DELETE FROM events');
          let time = T0;
          const events: SessionEvent[] = [];
          const rows = steps.map((step, index) => {
            time += step.gap;
            const [source, medium] = step.source;
            events.push({ timestampMs: time, source, medium, campaign: step.campaign });
            return {
              event_id: `e${String(index).padStart(3, '0')}`,
              site: 'default',
              timestamp: time,
              type: 'pageview',
              visitor_id: 'v1',
              session_derived: true,
              source,
              medium,
              campaign: step.campaign,
            };
          });
          await store.insertRows('events', rows);
          await store.refreshSessions();
          const stored = await store.query('SELECT session_id FROM events ORDER BY event_id');
          const expected = sessionizeEvents('v1', events).map((s) => s.sessionId);
          expect(stored.map((r) => String(r.session_id))).toEqual(expected);
        }),
        { numRuns: 150 },
      );
    } finally {
      await store.close();
    }
  });
});
