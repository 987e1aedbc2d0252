import { DuckDBAppender } from '@duckdb/node-api';
import type { StoredRow } from '@northstar/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DuckDbStore } from './duckdb-store.ts';

let store: DuckDbStore;
beforeEach(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

const NOW = Date.now();
const events = (prefix: string, n: number): StoredRow[] =>
  Array.from({ length: n }, (_, i) => ({ event_id: `${prefix}${i}`, site: 'shop', timestamp: NOW, type: 'custom', name: 'tick' }));

describe('live appends', () => {
  it('gives the event loop turns between slices of a large append, and commits it as one transaction', async () => {
    const order: string[] = [];
    const appendDataChunk = DuckDBAppender.prototype.appendDataChunk;
    vi.spyOn(DuckDBAppender.prototype, 'appendDataChunk').mockImplementation(function (this: DuckDBAppender, chunk) {
      order.push('chunk');
      appendDataChunk.call(this, chunk);
    });
    let done = false;
    const tick = () => {
      if (order.at(-1) !== 'turn') order.push('turn');
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    await store.appendLiveEvents(events('a', 1300), NOW, { yieldEveryRows: 512 });
    done = true;
    vi.restoreAllMocks();
    // Three slices of events and ids, with the loop running between them.
    expect(order.join(' ')).toMatch(/chunk chunk turn chunk chunk turn chunk chunk/);
    expect(await store.count('events')).toBe(1300);
    expect((await store.liveEventIds(NOW - 1000)).length).toBe(1300);
  });

  it('rolls back every slice when a later one fails, and appends again afterwards', async () => {
    const rows = events('b', 1100);
    rows[1050] = { ...(rows[1050] as StoredRow), timestamp: 2 ** 60 };
    await expect(store.appendLiveEvents(rows, NOW, { yieldEveryRows: 512 })).rejects.toThrow(RangeError);
    expect(await store.count('events')).toBe(0);
    expect(await store.liveEventIds(NOW - 1000)).toEqual([]);
    await store.appendLiveEvents(events('c', 600), NOW, { yieldEveryRows: 512 });
    expect(await store.count('events')).toBe(600);
  });
});
