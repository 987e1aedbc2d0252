import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEngineStore, testEngine } from '../../test-harness/engine-stores.ts';
import type { Store } from '../store.ts';

let store: Store;

describe.skipIf(testEngine() === 'duckdb')('liveSessionStates on ClickHouse', () => {
  beforeEach(async () => {
    store = await openEngineStore();
  });
  afterEach(async () => {
    await store.close();
  });

  it("returns each visitor's latest derived session (its argMax alias once clashed with the WHERE column on 18.16)", async () => {
    const now = Math.floor(Date.now() / 1000) * 1000;
    const event = (id: string, visitor: string, session: string, agoMs: number, source: string | null) => ({
      event_id: id,
      timestamp: now - agoMs,
      type: 'pageview',
      site: 'acme',
      visitor_id: visitor,
      session_id: session,
      session_derived: true,
      source,
    });
    await store.appendLiveEvents(
      [
        event('e1', 'v1', 'v1:1', 20 * 60_000, 'google'),
        event('e2', 'v1', 'v1:2', 5 * 60_000, 'newsletter'),
        event('e3', 'v1', 'v1:2', 2 * 60_000, null),
        event('e4', 'v2', 'v2:1', 3 * 60_000, null),
      ],
      now,
    );
    const states = await store.liveSessionStates(now - 30 * 60_000);
    expect(states.sort((a, b) => a.visitorId.localeCompare(b.visitorId))).toEqual([
      {
        site: 'acme',
        visitorId: 'v1',
        sessionId: 'v1:2',
        lastSeenMs: now - 2 * 60_000,
        source: 'newsletter',
        medium: null,
        campaign: null,
      },
      { site: 'acme', visitorId: 'v2', sessionId: 'v2:1', lastSeenMs: now - 3 * 60_000, source: null, medium: null, campaign: null },
    ]);
  });
});
