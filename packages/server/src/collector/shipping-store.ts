/**
 * The store as a collector's log shipper uses it. Several collectors write the same ClickHouse, and
 * a client may retry a batch on another collector than the first: each shipment therefore drops the
 * events whose ids the id log (`ingest_event_ids`) already holds, one query per few thousand ids.
 * Ids are not preloaded at start (a day of every collector's ids would not fit a small process);
 * a collector's own recent ids are still recognised in memory, before logging.
 *
 * Two collectors shipping the same retried event in the same instant may both store it; the
 * ReplacingMergeTree tables (read with FINAL) still count it once when its time is the same, as for
 * every event a sender stamps itself.
 */
import { DEDUP_WINDOW_MS } from '../ingest/limits.ts';
import type { Store } from '../store/store.ts';

/** Ids per lookup: well under ClickHouse's 256 KB default max_query_size at 64-character ids. */
const ID_CHUNK = 2000;

export function shippingStore(store: Store): Store {
  const overrides: Partial<Store> = {
    liveEventIds: async (sinceMs, ids) => (ids === undefined ? [] : storedIds(store, sinceMs, ids)),
    appendLiveEvents: async (rows, receivedAtMs) => {
      const ids = rows.map((row) => String(row.event_id));
      const stored = new Set(await storedIds(store, receivedAtMs - DEDUP_WINDOW_MS, ids));
      const fresh = stored.size === 0 ? rows : rows.filter((_, i) => !stored.has(ids[i] as string));
      await store.appendLiveEvents(fresh, receivedAtMs);
    },
    // The server prunes the id log; one pruner is enough.
    pruneLiveEventIds: async () => {},
  };
  return new Proxy(store, {
    get(target, key) {
      if (key in overrides) return overrides[key as keyof Store];
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function storedIds(store: Store, sinceMs: number, ids: readonly string[]): Promise<string[]> {
  const stored: string[] = [];
  for (let start = 0; start < ids.length; start += ID_CHUNK) {
    for (const id of await store.liveEventIds(sinceMs, ids.slice(start, start + ID_CHUNK))) stored.push(id);
  }
  return stored;
}
