/**
 * Moves logged events into the store. Loading is idempotent: ids the store's id log already holds
 * (and repeats within the batch) are skipped, so replaying records that were loaded just before a
 * crash, but whose loaded position was never written, stores nothing twice. The store is written
 * by one loader at a time, so the check and the append cannot interleave with another load.
 */
import type { StoredRow } from '@northstar/core';
import type { Store } from '../store/store.ts';
import { type LogRecord, markLoaded, recoverLog } from './ingest-log.ts';

/** Events of one transaction when replaying a log at start. */
const REPLAY_BATCH_EVENTS = 100_000;

/** Appends the rows the store does not hold yet, in one transaction; returns those appended. */
export async function appendUnseen(store: Store, rows: readonly StoredRow[], receivedAtMs: number): Promise<StoredRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => String(row.event_id));
  const stored = new Set(await store.liveEventIds(0, ids));
  const seen = new Set<string>();
  const fresh: StoredRow[] = [];
  rows.forEach((row, index) => {
    const id = ids[index] as string;
    if (stored.has(id) || seen.has(id)) return;
    seen.add(id);
    fresh.push(row);
  });
  await store.appendLiveEvents(fresh, receivedAtMs);
  return fresh;
}

/** Rows of records, and the latest arrival among them (ids are kept for the window from then). */
export function rowsOf(records: readonly LogRecord[]): { rows: StoredRow[]; receivedAtMs: number } {
  const rows: StoredRow[] = [];
  let receivedAtMs = 0;
  for (const record of records) {
    for (const row of record.rows) rows.push(row);
    receivedAtMs = Math.max(receivedAtMs, record.receivedAtMs);
  }
  return { rows, receivedAtMs };
}

/**
 * Loads whatever the log holds past its loaded position (after a crash or a kill), in batches,
 * recording the position after each. Returns the log's end and the events stored.
 */
export async function replayIngestLog(
  store: Store,
  dir: string,
  onLoaded: (rows: readonly StoredRow[]) => void = () => {},
): Promise<{ end: number; stored: number }> {
  const { loaded, end, records } = await recoverLog(dir);
  let stored = 0;
  for (let i = 0; i < records.length; ) {
    const batch: LogRecord[] = [];
    let events = 0;
    while (i < records.length && (batch.length === 0 || events < REPLAY_BATCH_EVENTS)) {
      const record = records[i++] as LogRecord;
      batch.push(record);
      events += record.rows.length;
    }
    const { rows, receivedAtMs } = rowsOf(batch);
    const fresh = await appendUnseen(store, rows, receivedAtMs);
    stored += fresh.length;
    onLoaded(fresh);
    await markLoaded(dir, (batch[batch.length - 1] as LogRecord).end);
  }
  if (records.length === 0 && loaded !== end) await markLoaded(dir, end);
  return { end, stored };
}
