/**
 * Wall-clock time in an IANA time zone, to the second, read from Intl. @date-fns/tz (1.5) reads
 * an offset under an hour west of Greenwich with seconds, such as Monrovia's −00:44:30 until 1972,
 * as east (+00:44:30), so Northstar converts here instead.
 *
 * Wall times are written as epoch milliseconds "as if UTC": 2026-03-08 00:00 local is
 * Date.UTC(2026, 2, 8).
 */
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Epoch ms of a UTC calendar time; unlike Date.UTC, years 0–99 stay themselves. */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/** The wall clock in `zone` at an instant, as a wall time. */
export function wallClockMs(instant: number, zone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(whole)) parts[p.type] = p.value;
  const year = Number(parts.year) * (parts.era === 'BC' ? -1 : 1) + (parts.era === 'BC' ? 1 : 0);
  const wall = utcMs(year, Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall + (instant - whole);
}

/** UTC offset of `zone` at an instant, in ms (east positive). */
export function zoneOffsetMs(instant: number, zone: string): number {
  return wallClockMs(instant, zone) - instant;
}

/**
 * The instant at which the clocks of `zone` read `wall`. When clocks go back and the wall time
 * happens twice, the earlier; when they skip it, the wall time read with the offset before the
 * jump (02:30 on a spring-forward night is 03:30 after it), as Temporal's "compatible" does.
 */
export function zonedToUtcMs(wall: number, zone: string): number {
  // A zone changes its offset at most once in two days: the offsets a day either side cover it.
  const offsets = [...new Set([wall - DAY_MS, wall, wall + DAY_MS].map((t) => zoneOffsetMs(t, zone)))];
  let earliest = Number.POSITIVE_INFINITY;
  for (const offset of offsets) {
    const instant = wall - offset;
    if (zoneOffsetMs(instant, zone) === offset && instant < earliest) earliest = instant;
  }
  return Number.isFinite(earliest) ? earliest : wall - Math.min(...offsets);
}

/** The day number (days since 1970-01-01) of an instant's calendar date in `zone`. */
export function localDay(instant: number, zone: string): number {
  return Math.floor(wallClockMs(instant, zone) / DAY_MS);
}
