import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredRow } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../auth/api-keys.ts';
import { buildApp } from '../http/app.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { recoverLog } from './ingest-log.ts';
import { LoggedWriter } from './logged-writer.ts';

let dir: string;
let store: DuckDbStore;
const open: { close(): Promise<unknown> }[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'northstar-logged-'));
  store = await DuckDbStore.open({ path: ':memory:' });
});
afterEach(async () => {
  for (const thing of open.splice(0)) await thing.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function event(id: string): StoredRow {
  return { event_id: id, site: 'shop', timestamp: Date.now(), type: 'custom', name: 'tick', visitor_id: 'v1' };
}

async function writer(options: ConstructorParameters<typeof LoggedWriter>[2] = {}): Promise<LoggedWriter> {
  const made = new LoggedWriter(store, dir, options);
  await made.start();
  open.push(made);
  return made;
}

const waitFor = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('LoggedWriter', () => {
  it('answers once the events are in the log, and loads them into the store soon after', async () => {
    const w = await writer({ loadIntervalMs: 60_000 });
    expect(await w.write([event('a'), event('b')])).toEqual({ stored: 2, duplicates: 0 });
    expect((await recoverLog(dir)).records.flatMap((r) => r.rows.map((row) => row.event_id))).toEqual(['a', 'b']);
    expect(await store.count('events')).toBe(0);
    await w.close();
    expect(await store.count('events')).toBe(2);
  });

  it('stores a retry once, whether its original is syncing, logged or loaded, and across a restart', async () => {
    const w = await writer({ loadIntervalMs: 20 });
    const [first, racing] = await Promise.all([w.write([event('a'), event('b')]), w.write([event('a')])]);
    expect(first).toEqual({ stored: 2, duplicates: 0 });
    expect(racing).toEqual({ stored: 0, duplicates: 1 });
    expect(await w.write([event('b'), event('c')])).toEqual({ stored: 1, duplicates: 1 });
    await waitFor(async () => (await store.count('events')) === 3);
    expect(await w.write([event('a'), event('c'), event('d')])).toEqual({ stored: 1, duplicates: 2 });
    await w.close();

    const restarted = await writer();
    expect(await restarted.write([event('a'), event('d'), event('e')])).toEqual({ stored: 1, duplicates: 2 });
    await restarted.close();
    const ids = await store.query('SELECT event_id, count(*) AS n FROM events GROUP BY event_id ORDER BY event_id');
    expect(ids.map((r) => [r.event_id, Number(r.n)])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 1],
      ['d', 1],
      ['e', 1],
    ]);
  });

  it('keeps values intact through the log (timestamps, booleans, doubles, any text)', async () => {
    const title = 'Café "Zoë" \u2028 🚀';
    const w = await writer({ loadIntervalMs: 10 });
    const row = { ...event('a'), timestamp: 1_763_900_000_123, session_derived: true, value: 1.5, title };
    await w.write([row]);
    await w.close();
    const [stored] = await store.query('SELECT epoch_ms(timestamp) AS ts, session_derived, value, title FROM events');
    expect(stored).toEqual({ ts: 1_763_900_000_123, session_derived: true, value: 1.5, title });
    expect(await store.query('SELECT event_id FROM ingest_event_ids')).toEqual([{ event_id: 'a' }]);
  });

  it('refuses a request before parsing it while the backlog is full, so overload costs no enrichment', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const append = store.appendLiveEvents.bind(store);
    store.appendLiveEvents = async (rows, receivedAtMs, options) => {
      await gate;
      return append(rows, receivedAtMs, options);
    };
    // Room for exactly five one-event requests.
    const bytes = Buffer.byteLength(JSON.stringify(event('e0'))) * 5;
    const logged = await writer({ maxBacklogBytes: bytes, loadIntervalMs: 60_000, retryAfterSeconds: 3 });
    let id = 0;
    for (; id < 5; id++) {
      expect(() => logged.admit()).not.toThrow();
      await logged.write([event(`e${id}`)]);
    }
    expect(logged.stats.backlogBytes).toBe(bytes);
    expect(() => logged.admit()).toThrow(expect.objectContaining({ code: 'NS_ERR_OVERLOADED', details: { retryAfterSeconds: 3 } }));
    await expect(logged.write([event('late')])).rejects.toMatchObject({ code: 'NS_ERR_OVERLOADED' });
    release();
    await waitFor(async () => logged.stats.backlogBytes === 0);
    expect(() => logged.admit()).not.toThrow();
    expect(await store.count('events')).toBe(id);
  });

  it('refuses with 503 and Retry-After once the unloaded backlog is full, and accepts again after a load', async () => {
    // The store is slow: nothing loads until the gate opens.
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const append = store.appendLiveEvents.bind(store);
    store.appendLiveEvents = async (rows, receivedAtMs) => {
      await gate;
      return append(rows, receivedAtMs);
    };
    const app: FastifyInstance = await buildApp({
      store,
      webRoot: '/nonexistent',
      ingest: { logDir: dir, maxBacklogBytes: 2_000, loadIntervalMs: 60_000, retryAfterSeconds: 2 },
    });
    open.push(app);
    const key = (await createApiKey(store.metadata, 'ingest')).key;
    const post = (id: number) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        payload: { event_id: `e${id}`, timestamp: new Date().toISOString(), type: 'custom', name: 'tick', visitor_id: 'v1' },
      });
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 50 && !refused; i++) {
      const response = await post(i);
      statuses.push(response.statusCode);
      if (response.statusCode === 503) refused = response;
    }
    expect(refused?.headers['retry-after']).toBe('2');
    expect(refused?.json().error.code).toBe('NS_ERR_OVERLOADED');
    const accepted = statuses.filter((status) => status === 200).length;
    expect(accepted).toBeGreaterThan(0);
    release();
    let again = await post(1000);
    for (let i = 1001; again.statusCode === 503 && i < 1200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      again = await post(i);
    }
    expect(again.statusCode).toBe(200);
    await app.close();
    open.pop();
    // Every accepted event, none of the refused.
    expect(await store.count('events')).toBe(accepted + 1);
  });
});
