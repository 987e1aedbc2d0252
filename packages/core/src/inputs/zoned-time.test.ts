import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localMidnightUtc, parseDay } from '../metrics/periods.ts';
import { parseTimestamp } from './parse-value.ts';
import { localDay, utcMs, wallClockMs, zonedToUtcMs, zoneOffsetMs } from './zoned-time.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('zoned time', () => {
  it('reads an offset under an hour west with seconds as west (Monrovia, 1971: −00:44:30)', () => {
    expect(zoneOffsetMs(Date.UTC(1971, 5, 1), 'Africa/Monrovia')).toBe(-(44 * 60 + 30) * 1000);
    expect(iso(zonedToUtcMs(Date.UTC(1971, 5, 1), 'Africa/Monrovia'))).toBe('1971-06-01T00:44:30.000Z');
    expect(localMidnightUtc(parseDay('1971-06-01') as number, 'Africa/Monrovia')).toBe('1971-06-01 00:44:30');
    expect(iso(parseTimestamp('1971-06-01 12:00:00', 'Africa/Monrovia') as number)).toBe('1971-06-01T12:44:30.000Z');
    // From 1972 Liberia keeps UTC.
    expect(localMidnightUtc(parseDay('1972-06-01') as number, 'Africa/Monrovia')).toBe('1972-06-01 00:00:00');
  });

  it('places skipped and repeated wall times as Temporal "compatible" does', () => {
    // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT; 02:30 is read at EST's offset, so 03:30 EDT.
    expect(iso(zonedToUtcMs(Date.UTC(2026, 2, 8, 2, 30), 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    // 2026-11-01: 01:30 happens twice (EDT, then EST): the earlier.
    expect(iso(zonedToUtcMs(Date.UTC(2026, 10, 1, 1, 30), 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    // São Paulo, 2018-11-04: midnight is skipped; the day starts at 01:00 (−02:00).
    expect(localMidnightUtc(parseDay('2018-11-04') as number, 'America/Sao_Paulo')).toBe('2018-11-04 03:00:00');
  });

  it('converts ordinary and half-hour zones, and keeps years below 100', () => {
    expect(localMidnightUtc(parseDay('2026-01-15') as number, 'Europe/Warsaw')).toBe('2026-01-14 23:00:00');
    expect(localMidnightUtc(parseDay('1940-01-01') as number, 'Asia/Kolkata')).toBe('1939-12-31 18:30:00');
    expect(iso(zonedToUtcMs(Date.UTC(2026, 0, 1, 12), 'Asia/Kathmandu'))).toBe('2026-01-01T06:15:00.000Z');
    expect(new Date(utcMs(50, 3, 1)).getUTCFullYear()).toBe(50);
    expect(localDay(Date.UTC(2026, 2, 8, 4, 59, 59), 'America/New_York')).toBe(parseDay('2026-03-07'));
    expect(localDay(Date.UTC(2026, 2, 8, 5), 'America/New_York')).toBe(parseDay('2026-03-08'));
  });

  it('finds an instant back from its own wall clock, the earlier one when the wall time repeats', () => {
    const zones = ['Europe/Warsaw', 'America/New_York', 'Africa/Monrovia', 'Australia/Lord_Howe', 'Asia/Tehran', 'Pacific/Apia', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...zones), (t, zone) => {
        const wall = wallClockMs(t, zone);
        const back = zonedToUtcMs(wall, zone);
        expect(wallClockMs(back, zone)).toBe(wall);
        expect(back).toBeLessThanOrEqual(t);
        expect(t - back).toBeLessThanOrEqual(3 * 3600_000); // at most a fall-back's repeat
      }),
      { numRuns: 3000 },
    );
  });
});
