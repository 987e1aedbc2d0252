/**
 * The durable writer of a server with a data directory. A request's events are deduplicated and
 * join the group of the current tick; the group is written to the ingest log as one record and
 * synced (one `write` + `fdatasync`), and only then are its requests answered: a 2xx means the
 * events are on disk. A loader moves logged events into the store in large transactions (every
 * `loadIntervalMs`; back to back while a quarter of the backlog bound waits) and records the loaded position, so the store
 * pays its fixed cost per commit a few times a second rather than per request.
 *
 * Retries are recognised against the ids logged and not yet loaded (exact) and, for the ids the
 * hash set suspects, against the store's id log. An all-duplicate request still waits for the
 * current group: the group holding the original is synced by then. The unloaded backlog is
 * bounded in bytes; past it a request is refused with 503 and Retry-After.
 */

import type { StoredRow } from '@northstar/core';
import type { Store } from '../store/store.ts';
import { overloaded, type WriteResult } from './event-writer.ts';
import { encodeRecordParts, IngestLog, type LogRecord, markLoaded } from './ingest-log.ts';
import { DEDUP_WINDOW_MS } from './limits.ts';
import { replayIngestLog, rowsOf } from './log-loader.ts';
import { hash53, RecentIds } from './recent-ids.ts';

export interface LoggedWriterOptions {
  /** Milliseconds between loads into the store, at most (event to queryable). */
  loadIntervalMs?: number;
  /** Logged and not yet loaded bytes, at most; more is refused with 503. */
  maxBacklogBytes?: number;
  retryAfterSeconds?: number;
  /** Called after each load with the events it stored. */
  onCommitted?: (rows: readonly StoredRow[]) => void;
  now?: () => number;
}

/** The requests of one tick: one log record. */
interface Group {
  /** Each request's rows as UTF-8 JSON, `{…},{…}`. */
  json: Buffer[];
  rows: StoredRow[];
  ids: string[];
  bytes: number;
  waiters: { result: WriteResult; resolve: (result: WriteResult) => void; reject: (error: unknown) => void }[];
}

/** A synced record and the backlog bytes it counts for. */
type Unloaded = LogRecord & { bytes: number };

const EMPTY = Buffer.alloc(0);
/** Rows a load appends between two turns of the event loop: a few ms of work. */
const LOAD_SLICE_ROWS = 512;

const newGroup = (): Group => ({ json: [], rows: [], ids: [], bytes: 0, waiters: [] });

export class LoggedWriter {
  readonly recentIds = new RecentIds(DEDUP_WINDOW_MS);
  readonly #store: Store;
  readonly #dir: string;
  readonly #loadIntervalMs: number;
  readonly #maxBacklogBytes: number;
  readonly #retryAfterSeconds: number;
  readonly #onCommitted: (rows: readonly StoredRow[]) => void;
  readonly #now: () => number;
  #log: IngestLog | undefined;
  /** Ids accepted into a group and not yet in the store. */
  readonly #pending = new Set<string>();
  #forming = newGroup();
  #syncing: Promise<void> | undefined;
  #scheduled = false;
  /** Synced records waiting for the loader, with the backlog bytes each counts for. */
  #unloaded: Unloaded[] = [];
  #unloadedEvents = 0;
  #backlogBytes = 0;
  #loading: Promise<boolean> | undefined;
  #loadTimer: NodeJS.Timeout | undefined;
  /** Bumped by each load: a store check that spans one is redone. */
  #loads = 0;
  #syncs = 0;
  #closed = false;

  constructor(store: Store, dir: string, options: LoggedWriterOptions = {}) {
    this.#store = store;
    this.#dir = dir;
    this.#loadIntervalMs = options.loadIntervalMs ?? 200;
    // About 25,000 enriched events: half a second of loading on 2 cores, so event to queryable
    // holds under overload.
    this.#maxBacklogBytes = options.maxBacklogBytes ?? 16 * 1024 * 1024;
    this.#retryAfterSeconds = options.retryAfterSeconds ?? 1;
    this.#onCommitted = options.onCommitted ?? (() => {});
    this.#now = options.now ?? Date.now;
  }

  /** Replays what a crash left unloaded, then opens the log and restores the last 24 h of ids. */
  async start(): Promise<void> {
    const { end } = await replayIngestLog(this.#store, this.#dir, this.#onCommitted);
    this.#log = await IngestLog.open(this.#dir, end);
    const now = this.#now();
    for (const id of await this.#store.liveEventIds(now - DEDUP_WINDOW_MS)) this.recentIds.add(id, now);
    this.#loadTimer = setInterval(() => void this.#load(), this.#loadIntervalMs);
    this.#loadTimer.unref();
  }

  get stats(): { backlogBytes: number; unloadedEvents: number; syncs: number; loads: number; recentIds: number } {
    return {
      backlogBytes: this.#backlogBytes,
      unloadedEvents: this.#unloadedEvents,
      syncs: this.#syncs,
      loads: this.#loads,
      recentIds: this.recentIds.size,
    };
  }

  /**
   * Throws the 503 a write would get when the backlog is already full, for callers to ask before
   * parsing a request: under overload a refusal then costs nothing the loader could have used.
   */
  admit(): void {
    if (this.#closed) throw overloaded('the server is shutting down; retry shortly', this.#retryAfterSeconds);
    if (this.#backlogBytes >= this.#maxBacklogBytes) throw this.#full();
  }

  #full() {
    return overloaded(`the ingest backlog is full (${this.#backlogBytes} bytes not yet loaded); retry later`, this.#retryAfterSeconds);
  }

  /** Resolves once the events are synced to the log (or recognised as stored before). */
  async write(rows: readonly StoredRow[]): Promise<WriteResult> {
    if (this.#closed) throw overloaded('the server is shutting down; retry shortly', this.#retryAfterSeconds);
    const ids = rows.map((row) => String(row.event_id));
    const hashes = ids.map(hash53);
    const stored = await this.#storedSuspects(ids, hashes);
    const result: WriteResult = { stored: 0, duplicates: 0 };
    const fresh: StoredRow[] = [];
    const freshIds: string[] = [];
    const now = this.#now();
    for (let i = 0; i < rows.length; i++) {
      const id = ids[i] as string;
      if (this.#pending.has(id) || stored?.has(id)) {
        result.duplicates++;
        continue;
      }
      this.#pending.add(id);
      this.recentIds.addHash(hashes[i] as number, now);
      fresh.push(rows[i] as StoredRow);
      freshIds.push(id);
    }
    result.stored = fresh.length;
    // Encoded here, one request at a time, so a group's record is a copy of ready bytes.
    const json = fresh.length > 0 ? Buffer.from(JSON.stringify(fresh)).subarray(1, -1) : EMPTY;
    if (this.#backlogBytes + json.length > this.#maxBacklogBytes) {
      for (const id of freshIds) this.#pending.delete(id);
      throw this.#full();
    }
    return new Promise<WriteResult>((resolve, reject) => {
      const group = this.#forming;
      if (fresh.length > 0) {
        group.json.push(json);
        for (const row of fresh) group.rows.push(row);
        for (const id of freshIds) group.ids.push(id);
        group.bytes += json.length;
        this.#backlogBytes += json.length;
      }
      group.waiters.push({ result, resolve, reject });
      this.#schedule();
    });
  }

  /**
   * Ids of `ids` the store holds, for those the hash set suspects (retries, or a hash collision).
   * A load finishing during the query may have moved a suspect from pending to the store: redo.
   */
  async #storedSuspects(ids: readonly string[], hashes: readonly number[]): Promise<Set<string> | undefined> {
    for (;;) {
      const suspects = ids.filter((id, i) => this.recentIds.mightContainHash(hashes[i] as number) && !this.#pending.has(id));
      if (suspects.length === 0) return undefined;
      const loads = this.#loads;
      const stored = await this.#store.liveEventIds(this.#now() - DEDUP_WINDOW_MS, suspects);
      if (loads === this.#loads) return new Set(stored);
    }
  }

  #schedule(): void {
    if (this.#scheduled || this.#syncing) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#sync();
    });
  }

  /** Writes and syncs the forming group; the next one forms meanwhile and follows at once. */
  #sync(): void {
    const group = this.#forming;
    if (group.waiters.length === 0 || this.#syncing) return;
    this.#forming = newGroup();
    const log = this.#log as IngestLog;
    const receivedAtMs = this.#now();
    const start = log.end;
    const record = group.rows.length > 0 ? encodeRecordParts(receivedAtMs, group.json) : undefined;
    const write = record ? log.append(record) : Promise.resolve(start);
    this.#syncing = write.then(
      (end) => {
        this.#syncs++;
        if (record) {
          this.#unloaded.push({ start, end, receivedAtMs, rows: group.rows, bytes: group.bytes });
          this.#unloadedEvents += group.rows.length;
        }
        for (const waiter of group.waiters) waiter.resolve(waiter.result);
        if (this.#behind()) void this.#load();
      },
      (error: unknown) => {
        this.#backlogBytes -= group.bytes;
        for (const id of group.ids) this.#pending.delete(id);
        // Requests of the next group may count an id of this one as a duplicate: they fail too.
        const next = this.#forming;
        this.#forming = newGroup();
        this.#backlogBytes -= next.bytes;
        for (const id of next.ids) this.#pending.delete(id);
        const failure = overloaded(`could not log the events (${(error as Error).message}); retry later`, this.#retryAfterSeconds);
        for (const waiter of [...group.waiters, ...next.waiters]) waiter.reject(failure);
      },
    );
    void this.#syncing.finally(() => {
      this.#syncing = undefined;
      if (this.#forming.waiters.length > 0) this.#sync();
    });
  }

  /**
   * Under a burst the next load starts as soon as the last one ends rather than on the timer, which
   * a busy event loop delays: an idle loader beside a full backlog would refuse requests for nothing.
   */
  #behind(): boolean {
    return this.#unloaded.length > 0 && this.#backlogBytes >= this.#maxBacklogBytes / 4;
  }

  /** Moves the synced records into the store in one transaction; loads never overlap. */
  #load(): Promise<boolean> {
    if (this.#loading) return this.#loading;
    if (this.#unloaded.length === 0) return Promise.resolve(true);
    const records = this.#unloaded;
    this.#unloaded = [];
    const loading = this.#loadRecords(records).finally(() => {
      this.#loading = undefined;
      if (this.#behind() && !this.#closed) void this.#load();
    });
    this.#loading = loading;
    return loading;
  }

  /** False when the store refused the transaction (the records stay queued). */
  async #loadRecords(records: Unloaded[]): Promise<boolean> {
    const { rows, receivedAtMs } = rowsOf(records);
    try {
      // Everything in `records` passed the dedup at logging: no store check is needed. A loader
      // keeping up shares the event loop with requests (their latency); one behind takes it.
      const yieldEveryRows = this.#backlogBytes >= this.#maxBacklogBytes / 4 ? undefined : LOAD_SLICE_ROWS;
      await this.#store.appendLiveEvents(rows, receivedAtMs, yieldEveryRows === undefined ? {} : { yieldEveryRows });
    } catch {
      // The transaction rolled back: the records stay unloaded and are tried again.
      this.#unloaded = [...records, ...this.#unloaded];
      return false;
    }
    this.#loads++;
    this.#unloadedEvents -= rows.length;
    for (const row of rows) this.#pending.delete(String(row.event_id));
    for (const record of records) this.#backlogBytes -= record.bytes;
    this.#onCommitted(rows);
    // Should this fail or the process die first, the records are replayed, idempotently.
    await markLoaded(this.#dir, (records[records.length - 1] as LogRecord).end).catch(() => undefined);
    return true;
  }

  /** Logs what is waiting, loads everything, and closes the log. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#loadTimer);
    while (this.#syncing || this.#forming.waiters.length > 0) {
      if (this.#syncing) await this.#syncing.catch(() => undefined);
      else this.#sync();
    }
    // A store that keeps refusing leaves the rest in the log, for the next start to replay.
    while (this.#loading || this.#unloaded.length > 0) if (!(await this.#load())) break;
    await this.#log?.close();
  }
}
