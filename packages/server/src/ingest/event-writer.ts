/**
 * The durable group-commit writer. Requests hand over their enriched events and wait; every few
 * milliseconds the queued events of all waiting requests are deduplicated and appended to DuckDB
 * in one transaction, and only after COMMIT is every one of those requests answered. So a 2xx
 * means the events are on disk, and many small requests cost one commit, not one each. Up to
 * `maxConcurrentCommits` transactions are under way at once (the store gives each its own
 * connection), so building the next one overlaps the disk sync of the last; an event whose id is
 * in a commit still under way waits for that commit, so a retry racing its original is caught.
 *
 * The queue is bounded: past `maxQueuedEvents` a request is refused with a 503 and Retry-After
 * at once, never queued without limit and never dropped silently.
 */
import { AppError, type StoredRow } from '@northstar/core';
import type { Store } from '../store/store.ts';
import { DEDUP_WINDOW_MS } from './limits.ts';
import { RecentIds } from './recent-ids.ts';

export interface EventWriterOptions {
  /**
   * How long the first queued event waits for company before a commit starts. 0 (default): the
   * next turn of the event loop. Under load, requests arriving while a commit is in flight form
   * the next one anyway, so waiting longer only adds latency.
   */
  commitIntervalMs?: number;
  /** Events of one transaction, at most (whole requests are never split). */
  maxBatchEvents?: number;
  /** Events queued and not yet committed, at most; more is refused with 503. */
  maxQueuedEvents?: number;
  /** Transactions under way at once, at most. */
  maxConcurrentCommits?: number;
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
  ids: readonly string[];
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
  readonly #maxConcurrentCommits: number;
  readonly #retryAfterSeconds: number;
  readonly #onCommitted: (rows: readonly StoredRow[]) => void;
  readonly #now: () => number;
  #queue: Waiting[] = [];
  #queuedEvents = 0;
  #timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  readonly #commitsUnderWay = new Set<Promise<void>>();
  /** Ids of the events in commits under way. */
  readonly #idsUnderWay = new Set<string>();
  #closed = false;
  #commits = 0;

  constructor(store: Store, options: EventWriterOptions = {}) {
    this.#store = store;
    this.#commitIntervalMs = options.commitIntervalMs ?? 0;
    this.#maxBatchEvents = options.maxBatchEvents ?? 20_000;
    this.#maxQueuedEvents = options.maxQueuedEvents ?? 100_000;
    this.#maxConcurrentCommits = Math.max(1, options.maxConcurrentCommits ?? 2);
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

  /** Throws the 503 a write would get when the queue is already full (see LoggedWriter.admit). */
  admit(): void {
    if (this.#closed) throw overloaded('the server is shutting down; retry shortly', this.#retryAfterSeconds);
    if (this.#queuedEvents >= this.#maxQueuedEvents) {
      throw overloaded(`the ingest queue is full (${this.#queuedEvents} events waiting); retry later`, this.#retryAfterSeconds);
    }
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
      const ids = rows.map((row) => String(row.event_id));
      this.#queue.push({ rows, ids, result: { stored: 0, duplicates: 0 }, resolve, reject });
      this.#queuedEvents += rows.length;
      this.#schedule();
    });
  }

  /** Commits what is queued, then refuses new writes. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#cancelTimer();
    this.#timer = undefined;
    while (this.#commitsUnderWay.size > 0 || this.#queue.length > 0) {
      if (this.#commitsUnderWay.size > 0) await Promise.race(this.#commitsUnderWay);
      else await this.#flushNow();
    }
  }

  #schedule(): void {
    if (this.#commitsUnderWay.size >= this.#maxConcurrentCommits || this.#timer) return;
    if (this.#queuedEvents >= this.#maxBatchEvents) {
      void this.#flushNow();
      return;
    }
    const flush = () => {
      this.#timer = undefined;
      void this.#flushNow();
    };
    this.#timer = this.#commitIntervalMs > 0 ? setTimeout(flush, this.#commitIntervalMs) : setImmediate(flush);
  }

  #cancelTimer(): void {
    if (this.#timer === undefined) return;
    if (this.#commitIntervalMs > 0) clearTimeout(this.#timer as NodeJS.Timeout);
    else clearImmediate(this.#timer as NodeJS.Immediate);
  }

  #flushNow(): Promise<void> {
    const batch = this.#take();
    if (batch.length === 0) return Promise.resolve();
    const committing: Promise<void> = this.#commit(batch).finally(() => {
      this.#commitsUnderWay.delete(committing);
      for (const waiting of batch) for (const id of waiting.ids) this.#idsUnderWay.delete(id);
      if (this.#queue.length > 0 && !this.#closed) this.#schedule();
    });
    this.#commitsUnderWay.add(committing);
    return committing;
  }

  /**
   * Whole requests in queue order, up to maxBatchEvents (at least one request), leaving those with
   * an event id in a commit under way for a later commit. With no commit under way, takes the head.
   */
  #take(): Waiting[] {
    const taken: Waiting[] = [];
    const left: Waiting[] = [];
    let count = 0;
    let full = false;
    for (const waiting of this.#queue) {
      full ||= taken.length > 0 && count + waiting.rows.length > this.#maxBatchEvents;
      if (!full && !waiting.ids.some((id) => this.#idsUnderWay.has(id))) {
        taken.push(waiting);
        count += waiting.rows.length;
      } else left.push(waiting);
    }
    this.#queue = left;
    for (const waiting of taken) for (const id of waiting.ids) this.#idsUnderWay.add(id);
    return taken;
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
    for (const waiting of batch) for (const id of waiting.ids) if (this.recentIds.mightContain(id)) suspects.push(id);
    const stored = suspects.length > 0 ? new Set(await this.#store.liveEventIds(now - DEDUP_WINDOW_MS, suspects)) : undefined;
    const seen = new Set<string>();
    const rows: StoredRow[] = [];
    for (const waiting of batch) {
      waiting.rows.forEach((row, index) => {
        const id = waiting.ids[index] as string;
        if (seen.has(id) || stored?.has(id)) {
          waiting.result.duplicates++;
          return;
        }
        seen.add(id);
        rows.push(row);
        waiting.result.stored++;
      });
    }
    return rows;
  }
}
