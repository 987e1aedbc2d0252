import { describe, expect, it } from 'vitest';
import { LiveSessions } from './live-sessions.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 1, 12);

type Step = [minutes: number, source: string | null, campaign?: string | null, medium?: string | null];

/** Each case: a visitor's events in arrival order, and the session number (0, 1, …) each lands in. */
const CASES: Array<[name: string, steps: Step[], sessions: number[]]> = [
  ['one event starts a session', [[0, 'google']], [0]],
  [
    'events within 30 minutes continue it',
    [
      [0, 'google'],
      [10, null],
      [39, null],
      [68, null],
    ],
    [0, 0, 0, 0],
  ],
  [
    'exactly 30:00 of inactivity continues it',
    [
      [0, 'google'],
      [30, null],
    ],
    [0, 0],
  ],
  [
    'more than 30 minutes of inactivity starts a new one',
    [
      [0, 'google'],
      [30.01, null],
    ],
    [0, 1],
  ],
  [
    'a new source starts a new one',
    [
      [0, 'google'],
      [5, 'bing'],
    ],
    [0, 1],
  ],
  [
    'the same source again continues it',
    [
      [0, 'google'],
      [5, 'google'],
    ],
    [0, 0],
  ],
  [
    'a new campaign on the same source starts a new one',
    [
      [0, 'google', 'spring'],
      [5, 'google', 'summer'],
    ],
    [0, 1],
  ],
  [
    'a new medium on the same source starts a new one',
    [
      [0, 'google', null, 'organic'],
      [5, 'google', null, 'cpc'],
    ],
    [0, 1],
  ],
  [
    'direct mid-session (a bookmark) continues it',
    [
      [0, 'google'],
      [5, '(direct)'],
    ],
    [0, 0],
  ],
  [
    'direct with a campaign starts a new one',
    [
      [0, 'google'],
      [5, '(direct)', 'mail-42'],
    ],
    [0, 1],
  ],
  [
    'internal navigation (no source) continues it',
    [
      [0, 'newsletter'],
      [2, null],
      [4, null],
    ],
    [0, 0, 0],
  ],
  [
    'a late event joins the session without moving it back',
    [
      [10, 'google'],
      [8, null],
      [12, null],
    ],
    [0, 0, 0],
  ],
  [
    'a timeout after a source switch starts a third',
    [
      [0, 'google'],
      [1, 'bing'],
      [40, null],
    ],
    [0, 1, 2],
  ],
];

describe('live sessionization', () => {
  it.each(CASES)('%s', (_name, steps, expected) => {
    const live = new LiveSessions();
    const ids = steps.map(([minutes, source, campaign = null, medium = null]) =>
      live.assign('site', 'v1', { timestampMs: T0 + minutes * MIN, source, medium, campaign }),
    );
    const numbering = new Map<string, number>();
    for (const id of ids) if (!numbering.has(id)) numbering.set(id, numbering.size);
    expect(ids.map((id) => numbering.get(id))).toEqual(expected);
    // Session ids are `${visitorId}:${startMs}`, the same as the store's SQL sessionization gives.
    expect(ids[0]).toBe(`v1:${T0 + (steps[0]?.[0] ?? 0) * MIN}`);
  });

  it('keeps visitors and sites apart', () => {
    const live = new LiveSessions();
    const a = live.assign('s1', 'v1', { timestampMs: T0, source: 'google', campaign: null });
    const b = live.assign('s1', 'v2', { timestampMs: T0, source: 'google', campaign: null });
    const c = live.assign('s2', 'v1', { timestampMs: T0 + MIN, source: 'bing', campaign: null });
    expect(live.assign('s1', 'v1', { timestampMs: T0 + 2 * MIN, source: null, campaign: null })).toBe(a);
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('continues a restored session after a restart and forgets timed-out visitors on sweep', () => {
    const live = new LiveSessions();
    live.restore([
      { site: 's', visitorId: 'v', sessionId: `v:${T0}`, lastSeenMs: T0 + 5 * MIN, source: 'google', medium: 'organic', campaign: null },
    ]);
    expect(live.assign('s', 'v', { timestampMs: T0 + 20 * MIN, source: null, campaign: null })).toBe(`v:${T0}`);
    expect(live.assign('s', 'v', { timestampMs: T0 + 21 * MIN, source: 'google', medium: 'organic', campaign: null })).toBe(`v:${T0}`);
    live.sweep(T0 + 52 * MIN);
    expect(live.size).toBe(0);
  });

  it('tells live events from backfills', () => {
    const live = new LiveSessions();
    expect(live.isLive(T0 - 29 * MIN, T0)).toBe(true);
    expect(live.isLive(T0 - 31 * MIN, T0)).toBe(false);
    expect(live.isLive(T0 + 10 * MIN, T0)).toBe(false);
  });
});
