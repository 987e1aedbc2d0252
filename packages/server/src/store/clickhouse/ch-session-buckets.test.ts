import type { StoredRow } from '@northstar/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEngineStore, testEngine } from '../../test-harness/engine-stores.ts';
import type { ClickHouseStore } from './clickhouse-store.ts';

let store: ClickHouseStore;

const START = Date.UTC(2026, 2, 1, 8, 0, 0);
const SOURCES = [null, 'google', 'newsletter', 'partner'] as const;

/** Events of 40 visitors: sessions given by the sender, and derived ones (no session id) to sessionize. */
function fixture(): StoredRow[] {
  const rows: StoredRow[] = [];
  for (let v = 0; v < 40; v++) {
    for (let s = 0; s < 3; s++) {
      const derived = v % 3 === 0;
      for (let e = 0; e < 1 + ((v + s) % 4); e++) {
        rows.push({
          event_id: `v${v}-s${s}-e${e}`,
          site: v % 5 === 0 ? 'shop' : 'default',
          // Sessions hours apart; events of a session a minute apart (ties on the second included).
          timestamp: START + v * 60_000 + s * 5 * 3_600_000 + Math.floor(e / 2) * 60_000,
          type: e === 0 ? 'pageview' : e === 3 ? 'goal' : (['pageview', 'click', 'form_submit'][(v + e) % 3] as string),
          path: `/p${(v + e) % 7}`,
          name: null,
          visitor_id: `visitor-${v}`,
          session_id: derived ? null : `sess-${v}-${s}`,
          session_derived: derived,
          contact_id: v % 4 === 0 && e > 0 ? `contact-${v}` : null,
          channel: s === 0 ? 'Direct' : 'Organic',
          source: SOURCES[(v + s + e) % SOURCES.length] ?? null,
          medium: null,
          campaign: v % 6 === 0 ? 'spring' : null,
          device: 'desktop',
          os: v % 2 === 0 ? 'Linux' : null,
          device_model: null,
          referrer_domain: null,
        });
      }
    }
  }
  // A sender's session whose events name two visitors and none: it must stay one session.
  for (const [i, visitor] of ['visitor-1', 'visitor-2', null].entries()) {
    rows.push({
      event_id: `shared-${i}`,
      site: 'default',
      timestamp: START + 86_400_000 + i * 1_000,
      type: 'pageview',
      path: '/shared',
      visitor_id: visitor,
      session_id: 'sess-shared',
      session_derived: false,
      channel: 'Direct',
    });
  }
  return rows;
}

async function sessionRows(): Promise<Record<string, unknown>[]> {
  return store.query('SELECT * FROM sessions ORDER BY session_id');
}

describe.skipIf(testEngine() === 'duckdb')('session rebuild in buckets on ClickHouse', () => {
  beforeEach(async () => {
    store = (await openEngineStore()) as ClickHouseStore;
  });
  afterEach(async () => {
    await store.close();
  });

  it('gives the same sessions with several buckets as with one', async () => {
    const rows = fixture();
    await store.insertRows('events', rows);
    // Newer versions of stored events: the FINAL view keeps these, whatever bucket the old session id hashes to.
    const moved = rows.filter((row) => row.session_id !== null && String(row.event_id).endsWith('-e0')).slice(0, 8);
    await store.insertRows(
      'events',
      moved.map((row) => ({ ...row, session_id: `moved-${String(row.event_id)}`, source: 'replaced' })),
      1,
    );
    await store.refreshSessions();
    const single = await sessionRows();
    expect(single.length).toBeGreaterThan(100);
    expect(single.filter((row) => row.session_id === 'sess-shared')).toHaveLength(1);
    expect(single.filter((row) => String(row.session_id).startsWith('moved-'))).toHaveLength(moved.length);

    for (const buckets of [2, 7, 64]) {
      await store.rebuildSessions(buckets);
      expect(await sessionRows()).toEqual(single);
    }
    await store.rebuildSessions(1);
    expect(await sessionRows()).toEqual(single);
  });
});
