import { describe, expect, it } from 'vitest';
import {
  nextSession,
  SESSION_TIMEOUT_MS,
  type SessionEvent,
  type SessionState,
  sessionIdOf,
  sessionizeEvents,
  sessionStartReason,
} from './sessionize.ts';

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);
const MIN = 60_000;

function ev(offsetMs: number, source: string | null = null, campaign: string | null = null, medium?: string | null): SessionEvent {
  return medium === undefined ? { timestampMs: T0 + offsetMs, source, campaign } : { timestampMs: T0 + offsetMs, source, campaign, medium };
}

const google: SessionState = { sessionId: `v1:${T0}`, lastSeenMs: T0, source: 'google', medium: 'organic', campaign: null };

describe('sessionStartReason', () => {
  it.each<[name: string, previous: SessionState | undefined, event: SessionEvent, expected: ReturnType<typeof sessionStartReason>]>([
    ['first event of a visitor', undefined, ev(0), 'first'],
    ['internal navigation a minute later', google, ev(MIN), null],
    ['exactly 30:00 of inactivity continues', google, ev(30 * MIN), null],
    ['30:01 of inactivity starts a new session', google, ev(30 * MIN + 1000), 'timeout'],
    ['30:00.001 of inactivity starts a new session', google, ev(30 * MIN + 1), 'timeout'],
    ['the same source again continues', google, ev(MIN, 'google', null, 'organic'), null],
    ['a new source mid-session', google, ev(MIN, 'facebook', null, 'social'), 'source'],
    ['the same source with a new medium', google, ev(MIN, 'google', null, 'cpc'), 'source'],
    ['a new campaign mid-session', google, ev(MIN, 'google', 'spring', 'organic'), 'source'],
    ['a direct visit mid-session continues', google, ev(MIN, '(direct)', null, '(none)'), null],
    ['a direct visit with a campaign is a new source', google, ev(MIN, '(direct)', 'qr-poster', '(none)'), 'source'],
    ['an event earlier than the last one continues', { ...google, lastSeenMs: T0 + 10 * MIN }, ev(0), null],
  ])('%s', (_name, previous, event, expected) => {
    expect(sessionStartReason(previous, event)).toBe(expected);
  });

  it('takes a custom timeout', () => {
    expect(sessionStartReason(google, ev(10 * MIN + 1), 10 * MIN)).toBe('timeout');
    expect(sessionStartReason(google, ev(10 * MIN), 10 * MIN)).toBeNull();
  });
});

describe('nextSession', () => {
  it('starts a session with the event as its first event', () => {
    const step = nextSession('v1', undefined, ev(0, 'google', null, 'organic'));
    expect(step).toEqual({
      started: 'first',
      state: { sessionId: `v1:${T0}`, lastSeenMs: T0, source: 'google', medium: 'organic', campaign: null },
    });
  });

  it('continuing keeps the session source and moves lastSeenMs forward only', () => {
    const step = nextSession('v1', google, ev(5 * MIN));
    expect(step.started).toBeNull();
    expect(step.state).toEqual({ ...google, lastSeenMs: T0 + 5 * MIN });
    const late = nextSession('v1', step.state, ev(MIN));
    expect(late.state.lastSeenMs).toBe(T0 + 5 * MIN);
  });

  it('a timed-out visit without a source keeps the last source the visitor brought', () => {
    const step = nextSession('v1', google, ev(31 * MIN));
    expect(step.started).toBe('timeout');
    expect(step.state).toEqual({ ...google, sessionId: `v1:${T0 + 31 * MIN}`, lastSeenMs: T0 + 31 * MIN });
    // The same source arriving again in that session does not split it.
    const again = nextSession('v1', step.state, {
      ...ev(35 * MIN),
      source: google.source,
      medium: google.medium,
      campaign: google.campaign,
    });
    expect(again.started).toBeNull();
  });
});

describe('sessionIdOf', () => {
  it.each<[visitor: string, start: number, previous: string | undefined, expected: string]>([
    ['v1', 1000, undefined, 'v1:1000'],
    ['v1', 2000, 'v1:1000', 'v1:2000'],
    ['v1', 1000, 'v1:1000', 'v1:1000:2'],
    ['v1', 1000, 'v1:1000:2', 'v1:1000:3'],
    ['a:b', 5, 'a:b:5', 'a:b:5:2'],
  ])('%s at %i after %s -> %s', (visitor, start, previous, expected) => {
    expect(sessionIdOf(visitor, start, previous)).toBe(expected);
  });
});

describe('sessionizeEvents', () => {
  function ids(events: SessionEvent[]): string[] {
    return sessionizeEvents('v1', events).map((a) => a.sessionId.replace(`v1:`, '').replace(String(T0), 'T0'));
  }

  it('internal navigation keeps one session; 30:00 gaps continue, 30:01 splits', () => {
    const events = [ev(0, 'google', null, 'organic'), ev(MIN), ev(31 * MIN), ev(61 * MIN + 1000), ev(62 * MIN)];
    const result = sessionizeEvents('v1', events);
    expect(result.map((r) => r.started)).toEqual(['first', null, null, 'timeout', null]);
    expect(new Set(result.map((r) => r.sessionId)).size).toBe(2);
    expect(result[3]?.sessionId).toBe(`v1:${T0 + 61 * MIN + 1000}`);
  });

  it('a new campaign mid-session starts a session, and returning to it does too', () => {
    const events = [
      ev(0, 'google', null, 'organic'),
      ev(MIN),
      ev(2 * MIN, 'newsletter', 'spring', 'email'),
      ev(3 * MIN),
      ev(4 * MIN, 'google', null, 'organic'),
    ];
    expect(sessionizeEvents('v1', events).map((r) => r.started)).toEqual(['first', null, 'source', null, 'source']);
  });

  it('sorts by time but answers in input order', () => {
    const events = [ev(2 * MIN), ev(0, 'google', null, 'organic'), ev(40 * MIN)];
    const result = sessionizeEvents('v1', events);
    expect(result.map((r) => r.started)).toEqual([null, 'first', 'timeout']);
    expect(result[0]?.sessionId).toBe(`v1:${T0}`);
  });

  it('ties in time keep input order', () => {
    // Same instant, two sources: the first listed starts the session, the second a new one.
    const a = [ev(0, 'google', null, 'organic'), ev(0, 'facebook', null, 'social'), ev(MIN)];
    expect(ids(a)).toEqual(['T0', 'T0:2', 'T0:2']);
    const b = [ev(0), ev(0, 'google', null, 'organic'), ev(0)];
    expect(sessionizeEvents('v1', b).map((r) => r.started)).toEqual(['first', 'source', null]);
  });

  it('is deterministic', () => {
    const events = [ev(0, 'google', null, 'organic'), ev(45 * MIN), ev(46 * MIN, 'vk', null, 'social')];
    expect(sessionizeEvents('v1', events)).toEqual(sessionizeEvents('v1', events));
  });

  it('handles no events', () => {
    expect(sessionizeEvents('v1', [])).toEqual([]);
  });

  it('uses a 30-minute default timeout', () => {
    expect(SESSION_TIMEOUT_MS).toBe(30 * MIN);
  });
});
