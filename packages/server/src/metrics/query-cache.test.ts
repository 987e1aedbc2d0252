import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { Store } from '../store/store.ts';
import { readCached } from './query-cache.ts';

let store: DuckDbStore;
beforeAll(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
  await store.query('CREATE TABLE cache_probe (n INTEGER)');
  await store.query('INSERT INTO cache_probe VALUES (1), (2)');
});
afterAll(async () => store.close());

const SUM = 'SELECT sum(n) AS s FROM cache_probe WHERE n >= $1';

describe('readCached', () => {
  it('answers a repeated read from the cache while the data is unchanged', async () => {
    const first = await readCached(store, SUM, [0]);
    expect(first).toEqual([{ s: 3 }]);
    expect(await readCached(store, SUM, [0])).toBe(first);
    expect(await readCached(store, SUM, [2])).toEqual([{ s: 2 }]);
  });

  it('reads again after a write', async () => {
    expect(await readCached(store, SUM, [0])).toEqual([{ s: 3 }]);
    await store.query('INSERT INTO cache_probe VALUES (4)');
    expect(await readCached(store, SUM, [0])).toEqual([{ s: 7 }]);
    await store.deleteWhere('cache_probe', 'n = $1', [4]);
    expect(await readCached(store, SUM, [0])).toEqual([{ s: 3 }]);
  });

  it('shares one execution between identical reads in flight', async () => {
    await store.query('INSERT INTO cache_probe VALUES (5)');
    const [a, b] = await Promise.all([readCached(store, SUM, [1]), readCached(store, SUM, [1])]);
    expect(a).toBe(b);
    expect(a).toEqual([{ s: 8 }]);
  });

  it('passes reads through for a store without a data version', async () => {
    let reads = 0;
    const plain = {
      read: async () => {
        reads++;
        return [{ n: reads }];
      },
    } as unknown as Store;
    expect(await readCached(plain, 'SELECT 1', [])).toEqual([{ n: 1 }]);
    expect(await readCached(plain, 'SELECT 1', [])).toEqual([{ n: 2 }]);
  });
});

describe('DuckDbStore settings', () => {
  it('gives the updated settings after an update', async () => {
    const before = await store.getSettings();
    await store.updateSettings({ timezone: 'Europe/Paris' });
    expect(await store.getSettings()).toEqual({ ...before, timezone: 'Europe/Paris' });
  });
});
