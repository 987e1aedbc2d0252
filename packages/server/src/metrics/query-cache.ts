/**
 * Rows of compiled metric SQL, kept while the store's data version is unchanged: a dashboard asks
 * the same questions on every visit, and the insights ask some of its tiles' questions again.
 * Identical reads in flight share one execution. A store without a data version is not cached.
 */
import type { SqlParams, Store } from '../store/store.ts';

type Rows = Record<string, unknown>[];

/** Entries a store keeps (least recently used goes first); each is an aggregate of a few rows. */
const MAX_ENTRIES = 500;
/** Results longer than this are not kept (a raw listing, not an aggregate). */
const MAX_ROWS = 5_000;

interface StoreCache {
  version: number;
  entries: Map<string, Promise<Rows>>;
}

const caches = new WeakMap<Store, StoreCache>();

/** `store.read(sql, params)`, answered from the cache when the data has not changed since. The rows are shared: do not mutate them. */
export function readCached(store: Store, sql: string, params: SqlParams = []): Promise<Rows> {
  const version = store.dataVersion?.();
  if (version === undefined) return store.read(sql, params);
  let cache = caches.get(store);
  if (!cache || cache.version !== version) {
    cache = { version, entries: new Map() };
    caches.set(store, cache);
  }
  const key = `${sql}\u0000${JSON.stringify(params, bigintAsText)}`;
  const entries = cache.entries;
  const hit = entries.get(key);
  if (hit) {
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }
  const rows = store.read(sql, params).then(
    (result) => {
      if (result.length > MAX_ROWS) entries.delete(key);
      return result;
    },
    (error: unknown) => {
      entries.delete(key);
      throw error;
    },
  );
  entries.set(key, rows);
  if (entries.size > MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  return rows;
}

function bigintAsText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}

/** Forgets the store's cached rows: for benchmarks that time the engine, run after run. */
export function clearQueryCache(store: Store): void {
  caches.delete(store);
}
