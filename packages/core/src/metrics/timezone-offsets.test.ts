import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetSchedule, utcOffsetSeconds } from './timezone-offsets.ts';

describe('timezone offsets', () => {
  it.each([
    ['UTC', '2026-01-15T00:00:00Z', 0],
    ['Europe/Warsaw', '2026-01-15T00:00:00Z', 3600],
    ['Europe/Warsaw', '2026-07-15T00:00:00Z', 7200],
    ['Asia/Riyadh', '2026-07-15T00:00:00Z', 10800],
    ['America/New_York', '2026-01-15T00:00:00Z', -18000],
    ['Asia/Kolkata', '2026-01-15T00:00:00Z', 19800],
  ])('%s at %s is %i s', (zone, iso, offset) => {
    expect(utcOffsetSeconds(Date.parse(iso), zone)).toBe(offset);
  });

  it('finds the DST changes of a year exactly', () => {
    const schedule = offsetSchedule(Date.parse('2026-01-01T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z'), 'Europe/Warsaw');
    expect(schedule.steps).toEqual([
      { untilMs: Date.parse('2026-03-29T01:00:00Z'), offsetSeconds: 3600 },
      { untilMs: Date.parse('2026-10-25T01:00:00Z'), offsetSeconds: 7200 },
      { untilMs: null, offsetSeconds: 3600 },
    ]);
    expect(offsetSchedule(0, 10 * 86_400_000, 'UTC').steps).toEqual([{ untilMs: null, offsetSeconds: 0 }]);
  });

  it('agrees with the zone at every instant of the window', () => {
    const from = Date.parse('2025-06-01T00:00:00Z');
    const to = Date.parse('2027-06-01T00:00:00Z');
    for (const zone of ['Europe/Warsaw', 'America/New_York', 'Australia/Sydney', 'Asia/Dubai']) {
      const schedule = offsetSchedule(from, to, zone);
      fc.assert(
        fc.property(fc.integer({ min: from, max: to - 1 }), (ms) => {
          const step = schedule.steps.find((s) => s.untilMs === null || ms < s.untilMs);
          expect(step?.offsetSeconds).toBe(utcOffsetSeconds(ms, zone));
        }),
        { numRuns: 300 },
      );
    }
  });
});
