import type { StoredRow } from '@northstar/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { EventWriter } from './event-writer.ts';

let store: DuckDbStore;
beforeEach(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

function event(id: string): StoredRow {
  return {
    event_id: id,
    site: 'default',
    timestamp: Date.UTC(2026, 2, 1),
    type: 'custom',
    name: 'x',
    visitor_id: 'v',
    session_derived: false,
  };
}

async function storedIds(): Promise<string[]> {
  return (await store.query('SELECT event_id FROM events ORDER BY event_id')).map((r) => String(r.event_id));
}

describe('EventWriter', () => {
  it('commits concurrent requests in one transaction and answers each only after the commit', async () => {
    const writer = new EventWriter(store, { commitIntervalMs: 20 });
    const append = vi.spyOn(store, 'appendLiveEvents');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        writer.write([event(`e${i}a`), event(`e${i}b`)]).then(async (result) => ({ result, visible: await store.count('events') })),
      ),
    );
    expect(append).toHaveBeenCalledTimes(1);
    expect(writer.stats.commits).toBe(1);
    for (const { result, visible } of results) {
      expect(result).toEqual({ stored: 2, duplicates: 0 });
      expect(visible).toBe(20);
    }
    await writer.close();
  });

  it('stores a retried event once: within a batch, across batches and after a restart', async () => {
    const first = new EventWriter(store, { commitIntervalMs: 1 });
    expect(await first.write([event('a'), event('b'), event('a')])).toEqual({ stored: 2, duplicates: 1 });
    expect(await first.write([event('b'), event('c')])).toEqual({ stored: 1, duplicates: 1 });
    await first.close();
    const restarted = new EventWriter(store, { commitIntervalMs: 1 });
    await restarted.start();
    expect(await restarted.write([event('a'), event('c'), event('d')])).toEqual({ stored: 1, duplicates: 2 });
    expect(await storedIds()).toEqual(['a', 'b', 'c', 'd']);
    await restarted.close();
  });

  it('does not drop an event whose id only collides in the hash set', async () => {
    const writer = new EventWriter(store, { commitIntervalMs: 1 });
    vi.spyOn(writer.recentIds, 'mightContain').mockReturnValue(true);
    expect(await writer.write([event('fresh')])).toEqual({ stored: 1, duplicates: 0 });
    expect(await storedIds()).toEqual(['fresh']);
    await writer.close();
  });

  it('refuses with 503 and Retry-After when the queue is full, and stores nothing of the refused request', async () => {
    const writer = new EventWriter(store, { commitIntervalMs: 50, maxQueuedEvents: 3 });
    const accepted = writer.write([event('a'), event('b')]);
    await expect(writer.write([event('c'), event('d')])).rejects.toMatchObject({
      status: 503,
      code: 'NS_ERR_OVERLOADED',
      details: { retryAfterSeconds: 1 },
    });
    await accepted;
    expect(await storedIds()).toEqual(['a', 'b']);
    await writer.close();
  });

  it('answers 503 to every request of a batch whose commit failed, and stores none of it', async () => {
    const writer = new EventWriter(store, { commitIntervalMs: 5 });
    vi.spyOn(store, 'appendLiveEvents').mockRejectedValueOnce(new Error('disk full'));
    const outcomes = await Promise.allSettled([writer.write([event('a')]), writer.write([event('b')])]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(String((outcomes[0] as PromiseRejectedResult).reason.message)).toContain('disk full');
    expect(await writer.write([event('a')])).toEqual({ stored: 1, duplicates: 0 });
    expect(writer.stats.queuedEvents).toBe(0);
    await writer.close();
  });

  it('commits what is queued on close, then refuses new writes', async () => {
    const writer = new EventWriter(store, { commitIntervalMs: 10_000 });
    const pending = writer.write([event('a')]);
    await writer.close();
    expect(await pending).toEqual({ stored: 1, duplicates: 0 });
    await expect(writer.write([event('b')])).rejects.toMatchObject({ status: 503 });
  });

  it('stores a retry once when it arrives while the original is still being committed', async () => {
    const writer = new EventWriter(store, { maxConcurrentCommits: 2 });
    const append = store.appendLiveEvents.bind(store);
    vi.spyOn(store, 'appendLiveEvents').mockImplementationOnce(async (rows, at) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return append(rows, at);
    });
    const original = writer.write([event('slow')]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const other = writer.write([event('other')]);
    const retry = writer.write([event('slow')]);
    expect(await other).toEqual({ stored: 1, duplicates: 0 });
    expect(await original).toEqual({ stored: 1, duplicates: 0 });
    expect(await retry).toEqual({ stored: 0, duplicates: 1 });
    expect(await storedIds()).toEqual(['other', 'slow']);
    await writer.close();
  });

  it('splits a large queue into transactions of whole requests', async () => {
    const writer = new EventWriter(store, { commitIntervalMs: 5, maxBatchEvents: 4 });
    await Promise.all([0, 1, 2, 3].map((i) => writer.write([event(`${i}a`), event(`${i}b`), event(`${i}c`)])));
    expect(writer.stats.commits).toBe(4);
    expect(await store.count('events')).toBe(12);
    await writer.close();
  });
});
