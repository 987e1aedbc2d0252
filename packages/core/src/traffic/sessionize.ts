/**
 * Sessionization: a visitor's session ends after 30 minutes without events, or when a visit brings
 * a new traffic source or campaign. Pure, so the live collector (one event at a time, state kept per
 * visitor) and importers (a visitor's whole history) share the same rules.
 */
import { DIRECT_SOURCE } from './channel-grouping.ts';

export const SESSION_TIMEOUT_MS = 30 * 60 * 1000;

export interface SessionState {
  sessionId: string;
  /** Latest event time seen in the session (epoch ms). */
  lastSeenMs: number;
  source: string | null;
  medium?: string | null;
  campaign: string | null;
}

export interface SessionEvent {
  timestampMs: number;
  /** The event's new traffic source (resolveSource); null means none, continue the session's. */
  source: string | null;
  medium?: string | null;
  campaign: string | null;
}

/** Why a session started: the visitor's first event, inactivity, or a new source/campaign. */
export type SessionStartReason = 'first' | 'timeout' | 'source';

export interface SessionStep {
  state: SessionState;
  /** Null when the event continues the previous session. */
  started: SessionStartReason | null;
}

export interface SessionAssignment {
  sessionId: string;
  started: SessionStartReason | null;
}

/**
 * Session ids are `${visitorId}:${startMs}` (start = the first event's epoch ms), so re-running
 * sessionization over the same events gives the same ids. Should a visitor start two sessions in
 * the same millisecond (a new source at the same instant), the later ones get `:2`, `:3` … appended.
 */
export function sessionIdOf(visitorId: string, startMs: number, previousId?: string): string {
  const id = `${visitorId}:${startMs}`;
  if (previousId === undefined) return id;
  if (previousId === id) return `${id}:2`;
  if (previousId.startsWith(`${id}:`)) {
    const n = Number(previousId.slice(id.length + 1));
    if (Number.isInteger(n) && n >= 2) return `${id}:${n + 1}`;
  }
  return id;
}

/**
 * Whether the event brings a traffic source of its own. `(direct)` alone does not: typing the URL
 * or opening a bookmark mid-session must not split it (Universal Analytics' rule, which GA4 keeps
 * for attribution). A campaign on it does count.
 */
function bringsSource(event: SessionEvent): boolean {
  return (event.source !== null && event.source !== DIRECT_SOURCE) || event.campaign !== null;
}

/** Why `event` starts a new session after `previous`, or null when it continues it. */
export function sessionStartReason(
  previous: SessionState | undefined,
  event: SessionEvent,
  timeoutMs: number = SESSION_TIMEOUT_MS,
): SessionStartReason | null {
  if (previous === undefined) return 'first';
  // Inactivity must exceed the timeout: an event exactly 30:00 after the last one continues.
  if (event.timestampMs - previous.lastSeenMs > timeoutMs) return 'timeout';
  if (!bringsSource(event)) return null;
  const same =
    event.source === previous.source && (event.medium ?? null) === (previous.medium ?? null) && event.campaign === previous.campaign;
  return same ? null : 'source';
}

/** The session `event` belongs to, and the visitor's state to keep for the next event. */
export function nextSession(
  visitorId: string,
  previous: SessionState | undefined,
  event: SessionEvent,
  timeoutMs: number = SESSION_TIMEOUT_MS,
): SessionStep {
  const started = sessionStartReason(previous, event, timeoutMs);
  if (started === null && previous !== undefined) {
    // Late events (earlier than lastSeenMs) join the session without moving it back.
    return { state: { ...previous, lastSeenMs: Math.max(previous.lastSeenMs, event.timestampMs) }, started };
  }
  // The source to compare later visits with is the last one the visitor brought, carried across
  // sessions (as Universal Analytics' campaign cookie did): a session that starts by timeout with
  // no source of its own keeps the previous one. The store's SQL sessionizer follows the same rule.
  const brings = bringsSource(event);
  return {
    state: {
      sessionId: sessionIdOf(visitorId, event.timestampMs, previous?.sessionId),
      lastSeenMs: event.timestampMs,
      source: brings ? event.source : (previous?.source ?? null),
      medium: brings ? (event.medium ?? null) : (previous?.medium ?? null),
      campaign: brings ? event.campaign : (previous?.campaign ?? null),
    },
    started: started ?? 'first',
  };
}

/**
 * Sessionizes one visitor's events. They are taken in time order (a stable sort, so events with
 * the same timestamp keep their input order); the result is aligned with the input array.
 */
export function sessionizeEvents(
  visitorId: string,
  events: readonly SessionEvent[],
  timeoutMs: number = SESSION_TIMEOUT_MS,
): SessionAssignment[] {
  const order = events.map((_, index) => index).sort((a, b) => (events[a]?.timestampMs ?? 0) - (events[b]?.timestampMs ?? 0));
  const result = new Array<SessionAssignment>(events.length);
  let state: SessionState | undefined;
  for (const index of order) {
    const event = events[index];
    if (event === undefined) continue;
    const step = nextSession(visitorId, state, event, timeoutMs);
    state = step.state;
    result[index] = { sessionId: step.state.sessionId, started: step.started };
  }
  return result;
}
