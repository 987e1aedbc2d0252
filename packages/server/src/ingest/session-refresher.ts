/**
 * Keeps the sessions table fresh behind live ingestion, once a second (event to queryable well
 * within 2 s). Sessions started in this process are kept as rows in memory, advanced by each
 * committed event and written back when they changed: no scan of events, whatever the traffic.
 * Other sessions (a sender's own session ids, visitors in mid-session across a restart) are rebuilt
 * from their events in SQL. Events left without a session (backfills older than the live window)
 * make a tick sessionize the store's way, at most every `fullRefreshMs`.
 */
import { SESSION_TIMEOUT_MS, type StoredRow } from '@northstar/core';
import type { Store } from '../store/store.ts';
import { DAY_MS } from './limits.ts';
import { LIVE_FUTURE_MS } from './live-sessions.ts';
import { SessionAggregate } from './session-aggregate.ts';

/** `${visitorId}:${startMs}` or `${visitorId}:${startMs}:${n}` (core's sessionIdOf). */
const DERIVED_ID = /:(\d{1,15})(?::\d+)?$/;
/** A session announced as starting whose first event never committed is forgotten after this. */
const STARTING_TTL_MS = 10 * 60_000;

export class SessionRefresher {
  /** Sessions started in this process, by id. */
  #live = new Map<string, SessionAggregate>();
  #dirty = new Set<string>();
  /** Sessions whose first event is on its way to a commit -> when that was announced. */
  #starting = new Map<string, number>();
  /** Sessions rebuilt in SQL: id -> a time none of its events precede. */
  #touched = new Map<string, number>();
  #needsFull = false;
  #lastFull = 0;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly intervalMs = 1000,
    private readonly fullRefreshMs = 60_000,
  ) {}

  /** The live sessionizer started this session: its events will all pass through `note`. */
  expectStart(sessionId: string, nowMs: number): void {
    this.#starting.set(sessionId, nowMs);
  }

  /** Takes the events of a commit. */
  note(rows: readonly StoredRow[]): void {
    for (const row of rows) {
      const sessionId = row.session_id;
      const timestamp = Number(row.timestamp);
      if (typeof sessionId !== 'string') {
        if (row.session_derived === true) this.#needsFull = true;
        continue;
      }
      const live = this.#live.get(sessionId);
      if (live) live.add(row);
      else if (row.session_derived === true && this.#starting.delete(sessionId))
        this.#live.set(sessionId, new SessionAggregate(sessionId, row));
      else {
        const derived = row.session_derived === true ? DERIVED_ID.exec(sessionId) : null;
        this.#touch(sessionId, derived ? Math.min(Number(derived[1]), timestamp) : timestamp - DAY_MS);
        continue;
      }
      this.#dirty.add(sessionId);
    }
  }

  #touch(sessionId: string, bound: number): void {
    const known = this.#touched.get(sessionId);
    if (known === undefined || bound < known) this.#touched.set(sessionId, bound);
  }

  /** Forgets sessions no event can join any more (the visitor's next event starts a new one). */
  sweep(nowMs: number): void {
    for (const [id, aggregate] of this.#live) {
      if (!this.#dirty.has(id) && nowMs - aggregate.endedMs > SESSION_TIMEOUT_MS + LIVE_FUTURE_MS) this.#live.delete(id);
    }
    for (const [id, at] of this.#starting) if (nowMs - at > STARTING_TTL_MS) this.#starting.delete(id);
  }

  start(): void {
    this.#timer = setInterval(() => void this.tick(), this.intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
    await this.tick();
  }

  /** Writes the changed sessions now; ticks never overlap. */
  tick(): Promise<void> {
    if (this.#running) return this.#running;
    const running = this.refresh().finally(() => {
      this.#running = undefined;
    });
    this.#running = running;
    return running;
  }

  private async refresh(): Promise<void> {
    await this.writeLive();
    await this.rebuildTouched();
    if (this.#needsFull && Date.now() - this.#lastFull >= this.fullRefreshMs) {
      this.#needsFull = false;
      this.#lastFull = Date.now();
      // The full pass may re-derive the ids of live sessions: from now on they are rebuilt in SQL.
      for (const [id, aggregate] of this.#live) this.#touch(id, aggregate.startedMs);
      this.#live.clear();
      this.#dirty.clear();
      await this.store.refreshSessions().catch(() => {
        this.#needsFull = true;
      });
    }
  }

  private async writeLive(): Promise<void> {
    if (this.#dirty.size === 0) return;
    const dirty = this.#dirty;
    this.#dirty = new Set();
    const rows: StoredRow[] = [];
    let since = Number.POSITIVE_INFINITY;
    for (const id of dirty) {
      const aggregate = this.#live.get(id);
      if (!aggregate) continue;
      rows.push(aggregate.toRow());
      since = Math.min(since, aggregate.startedMs);
    }
    try {
      await this.store.upsertSessions(rows, since);
    } catch {
      // Try again on the next tick.
      for (const id of dirty) this.#dirty.add(id);
    }
  }

  private async rebuildTouched(): Promise<void> {
    if (this.#touched.size === 0) return;
    const touched = this.#touched;
    this.#touched = new Map();
    let since = Number.POSITIVE_INFINITY;
    for (const bound of touched.values()) since = Math.min(since, bound);
    try {
      await this.store.refreshSessionsFor([...touched.keys()], since);
    } catch {
      for (const [id, bound] of touched) this.#touch(id, bound);
    }
  }
}
