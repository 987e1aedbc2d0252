/**
 * Live sessionization: each visitor's current session kept in memory and advanced one event at a
 * time by core's rules (30 minutes of inactivity, or a new source or campaign, starts a session).
 * After a restart the states of visitors active in the last 30 minutes are read back from the
 * store, so a visitor in mid-session keeps the session.
 */
import { nextSession, SESSION_TIMEOUT_MS, type SessionEvent, type SessionState } from '@northstar/core';
import type { LiveSessionState } from '../store/store.ts';

/** Events this far behind or ahead of the server clock are not live: the store sessionizes them later. */
export const LIVE_PAST_MS = SESSION_TIMEOUT_MS;
export const LIVE_FUTURE_MS = 5 * 60_000;

export class LiveSessions {
  readonly #states = new Map<string, SessionState>();

  constructor(private readonly timeoutMs: number = SESSION_TIMEOUT_MS) {}

  get size(): number {
    return this.#states.size;
  }

  /** Whether an event at `timestampMs` can be sessionized live (else it is left to the store). */
  isLive(timestampMs: number, nowMs: number): boolean {
    return timestampMs >= nowMs - LIVE_PAST_MS && timestampMs <= nowMs + LIVE_FUTURE_MS;
  }

  /** The session id of a visitor's event; advances the visitor's state. */
  assign(site: string, visitorId: string, event: SessionEvent): string {
    return this.assignStep(site, visitorId, event).sessionId;
  }

  /** As `assign`, and whether the event started the session. */
  assignStep(site: string, visitorId: string, event: SessionEvent): { sessionId: string; started: boolean } {
    const key = `${site}\u0000${visitorId}`;
    const step = nextSession(visitorId, this.#states.get(key), event, this.timeoutMs);
    this.#states.set(key, step.state);
    return { sessionId: step.state.sessionId, started: step.started !== null };
  }

  restore(states: readonly LiveSessionState[]): void {
    for (const s of states) {
      const key = `${s.site}\u0000${s.visitorId}`;
      const current = this.#states.get(key);
      if (current && current.lastSeenMs >= s.lastSeenMs) continue;
      this.#states.set(key, { sessionId: s.sessionId, lastSeenMs: s.lastSeenMs, source: s.source, medium: s.medium, campaign: s.campaign });
    }
  }

  /** Forgets visitors whose session has timed out; their next event starts a new session anyway. */
  sweep(nowMs: number): void {
    for (const [key, state] of this.#states) if (nowMs - state.lastSeenMs > this.timeoutMs) this.#states.delete(key);
  }
}
