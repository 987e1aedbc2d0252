/**
 * The durable group-commit writer. Requests hand over their enriched events and wait; every few
 * milliseconds the queued events of all waiting requests are deduplicated and appended to DuckDB
 * in one transaction, and only after COMMIT is every one of those requests answered. So a 2xx
 * means the events are on disk, and many small requests cost one commit, not one each.
 *
 * The queue is bounded: past `maxQueuedEvents` a request is refused with a 503 and Retry-After
 * at once, never queued without limit and never dropped silently.
 */
import { AppError, type StoredRow } from '@northstar/core';
import type { Store } from '../store/store.ts';
import { DEDUP_WINDOW_MS } from './limits.ts';
import { RecentIds } from './recent-ids.ts';

export interface EventWriterOptions {
  /** How long the first queued event waits for company before a commit starts. */
  commitIntervalMs?: number;
  /** Events of one transaction, at most (whole requests are never split). */
  maxBatchEvents?: number;
  /** Events queued and not yet committed, at most; more is refused with 503. */
  maxQueuedEvents?: number;
  /** Seconds a refused sender is told to wait (Retry-After). */
  retryAfterSeconds?: number;
  /** Called after each commit with the events it stored. */
  onCommitted?: (rows: readonly StoredRow[]) => void;
  now?: () => number;
}

export interface WriteResult {
  stored: number;
  /** Events whose id was already stored (a retry) or repeated in the same batch: stored once. */
  duplicates: number;
}

interface Waiting {
  rows: readonly StoredRow[];
  result: WriteResult;
  resolve: (result: WriteResult) => void;
  reject: (error: unknown) => void;
}

export function overloaded(message: string, retryAfterSeconds: number): AppError {
  return new AppError('overloaded', message, { retryAfterSeconds });
}

export class EventWriter {
  readonly recentIds: RecentIds;
  readonly #store: Store;
  readonly #commitIntervalMs: number;
  readonly #maxBatchEvents: number;
  readonly #maxQueuedEvents: number;
  readonly #retryAfterSeconds: number;
  readonly #onCommitted: (rows: readonly StoredRow[]) => void;
  readonly #now: () => number;
  #queue: Waiting[] = [];
  #queuedEvents = 0;
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;
  #closed = false;
  #commits = 0;

  constructor(store: Store, options: EventWriterOptions = {}) {
    this.#store = store;
    this.#commitIntervalMs = options.commitIntervalMs ?? 4;
    this.#maxBatchEvents = options.maxBatchEvents ?? 20_000;
    this.#maxQueuedEvents = options.maxQueuedEvents ?? 100_000;
    this.#retryAfterSeconds = options.retryAfterSeconds ?? 1;
    this.#onCommitted = options.onCommitted ?? (() => {});
    this.#now = options.now ?? Date.now;
    this.recentIds = new RecentIds(DEDUP_WINDOW_MS);
  }

  /** Loads the ids stored in the last 24 hours, so retries across a restart are still recognised. */
  async start(): Promise<void> {
    const now = this.#now();
    for (const id of await this.#store.liveEventIds(now - DEDUP_WINDOW_MS)) this.recentIds.add(id, now);
  }

  get stats(): { queuedEvents: number; commits: number; recentIds: number } {
    return { queuedEvents: this.#queuedEvents, commits: this.#commits, recentIds: this.recentIds.size };
  }

  /** Resolves once the events are committed (or recognised as already stored). */
  write(rows: readonly StoredRow[]): Promise<WriteResult> {
    if (this.#closed) return Promise.reject(overloaded('the server is shutting down; retry shortly', this.#retryAfterSeconds));
    if (rows.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
    if (this.#queuedEvents + rows.length > this.#maxQueuedEvents) {
      return Promise.reject(
        overloaded(`the ingest queue is full (${this.#queuedEvents} events waiting); retry later`, this.#retryAfterSeconds),
      );
    }
    return new Promise<WriteResult>((resolve, reject) => {
      this.#queue.push({ rows, result: { stored: 0, duplicates: 0 }, resolve, reject });
      this.#queuedEvents += rows.length;
      this.#schedule();
    });
  }

  /** Commits what is queued, then refuses new writes. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#flushing || this.#queue.length > 0) {
      if (this.#flushing) await this.#flushing;
      else await this.#flushNow();
    }
  }

  #schedule(): void {
    if (this.#flushing || this.#timer) return;
    if (this.#queuedEvents >= this.#maxBatchEvents) {
      void this.#flushNow();
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#flushNow();
    }, this.#commitIntervalMs);
  }

  #flushNow(): Promise<void> {
    const batch = this.#take();
    const flushing = this.#commit(batch).finally(() => {
      this.#flushing = undefined;
      if (this.#queue.length > 0 && !this.#closed) this.#schedule();
    });
    this.#flushing = flushing;
    return flushing;
  }

  /** Whole requests from the head of the queue, up to maxBatchEvents (at least one request). */
  #take(): Waiting[] {
    let count = 0;
    let end = 0;
    while (end < this.#queue.length) {
      const size = this.#queue[end]?.rows.length ?? 0;
      if (end > 0 && count + size > this.#maxBatchEvents) break;
      count += size;
      end++;
    }
    return this.#queue.splice(0, end);
  }

  async #commit(batch: Waiting[]): Promise<void> {
    if (batch.length === 0) return;
    let size = 0;
    for (const waiting of batch) size += waiting.rows.length;
    try {
      const now = this.#now();
      const rows = await this.#deduplicate(batch, now);
      await this.#store.appendLiveEvents(rows, now);
      for (const row of rows) this.recentIds.add(String(row.event_id), now);
      this.#commits++;
      this.#queuedEvents -= size;
      this.#onCommitted(rows);
      for (const waiting of batch) waiting.resolve(waiting.result);
    } catch (error) {
      this.#queuedEvents -= size;
      const failure = overloaded(`could not store the events (${(error as Error).message}); retry later`, this.#retryAfterSeconds);
      for (const waiting of batch) waiting.reject(failure);
    }
  }

  /** Drops events stored before (confirmed against the id log) and repeats within the batch. */
  async #deduplicate(batch: Waiting[], now: number): Promise<StoredRow[]> {
    const suspects: string[] = [];
    for (const waiting of batch) {
      for (const row of waiting.rows) {
        const id = String(row.event_id);
        if (this.recentIds.mightContain(id)) suspects.push(id);
      }
    }
    const stored = suspects.length > 0 ? new Set(await this.#store.liveEventIds(now - DEDUP_WINDOW_MS, suspects)) : undefined;
    const seen = new Set<string>();
    const rows: StoredRow[] = [];
    for (const waiting of batch) {
      for (const row of waiting.rows) {
        const id = String(row.event_id);
        if (seen.has(id) || stored?.has(id)) {
          waiting.result.duplicates++;
          continue;
        }
        seen.add(id);
        rows.push(row);
        waiting.result.stored++;
      }
    }
    return rows;
  }
}
