/**
 * Keeps the sessions table fresh behind live ingestion: once a second, the sessions that committed
 * events touched are rebuilt from their events (event to queryable well within 2 s). Events left
 * without a session (backfills older than the live window) make the next tick sessionize the
 * store's way, at most every `fullRefreshMs`.
 */
import type { StoredRow } from '@northstar/core';
import type { Store } from '../store/store.ts';
import { DAY_MS } from './limits.ts';

/** `${visitorId}:${startMs}` or `${visitorId}:${startMs}:${n}` (core's sessionIdOf). */
const DERIVED_ID = /:(\d{1,15})(?::\d+)?$/;

export class SessionRefresher {
  /** Session id -> a time none of its events precede. */
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

  note(rows: readonly StoredRow[]): void {
    for (const row of rows) {
      const sessionId = row.session_id;
      const timestamp = Number(row.timestamp);
      if (typeof sessionId !== 'string') {
        if (row.session_derived === true) this.#needsFull = true;
        continue;
      }
      const derived = row.session_derived === true ? DERIVED_ID.exec(sessionId) : null;
      this.#touch(sessionId, derived ? Math.min(Number(derived[1]), timestamp) : timestamp - DAY_MS);
    }
  }

  #touch(sessionId: string, bound: number): void {
    const known = this.#touched.get(sessionId);
    if (known === undefined || bound < known) this.#touched.set(sessionId, bound);
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

  /** Rebuilds the touched sessions now; ticks never overlap. */
  tick(): Promise<void> {
    if (this.#running) return this.#running;
    const running = this.refresh().finally(() => {
      this.#running = undefined;
    });
    this.#running = running;
    return running;
  }

  private async refresh(): Promise<void> {
    if (this.#touched.size > 0) {
      const touched = this.#touched;
      this.#touched = new Map();
      let since = Number.POSITIVE_INFINITY;
      for (const bound of touched.values()) since = Math.min(since, bound);
      try {
        await this.store.refreshSessionsFor([...touched.keys()], since);
      } catch {
        // Try again on the next tick.
        for (const [id, bound] of touched) this.#touch(id, bound);
      }
    }
    if (this.#needsFull && Date.now() - this.#lastFull >= this.fullRefreshMs) {
      this.#needsFull = false;
      this.#lastFull = Date.now();
      await this.store.refreshSessions().catch(() => {
        this.#needsFull = true;
      });
    }
  }
}
