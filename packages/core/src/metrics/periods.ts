/**
 * Calendar arithmetic of a query: the requested [from, to) as local dates, its buckets at a grain,
 * the comparison range, and the UTC instants of local midnights. Dates are day numbers (days since
 * 1970-01-01) so arithmetic is exact and free of the host's timezone.
 */
import { assertUnreachable } from '../errors/app-error.ts';
import { zonedToUtcMs } from '../inputs/zoned-time.ts';
import type { CalendarGrain } from './dialect.ts';
import type { Grain } from './types.ts';

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DayRange {
  /** First day (inclusive). */
  from: number;
  /** Day after the last (exclusive). */
  to: number;
}

export type Comparison = 'previous' | 'year';

/** 'YYYY-MM-DD' to a day number, or undefined when it is not a real calendar date. */
export function parseDay(text: string): number | undefined {
  const match = DATE_RE.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function parts(day: number): { y: number; m: number; d: number } {
  const date = new Date(day * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth(), d: date.getUTCDate() };
}

/** Adds calendar months; the day of month is clamped to the target month's length. */
export function addMonths(day: number, months: number): number {
  const { y, m, d } = parts(day);
  const last = new Date(Date.UTC(y, m + months + 1, 0)).getUTCDate();
  return Date.UTC(y, m + months, Math.min(d, last)) / DAY_MS;
}

/** Start of the bucket holding `day`; weeks start on Monday (ISO). */
export function truncDay(day: number, grain: Exclude<Grain, 'all'>): number {
  const { y, m } = parts(day);
  switch (grain) {
    case 'day':
      return day;
    case 'week':
      return day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7);
    case 'month':
      return Date.UTC(y, m, 1) / DAY_MS;
    case 'quarter':
      return Date.UTC(y, m - (m % 3), 1) / DAY_MS;
    case 'year':
      return Date.UTC(y, 0, 1) / DAY_MS;
    default:
      return assertUnreachable(grain, 'grain');
  }
}

function nextBucket(start: number, grain: Exclude<Grain, 'all'>): number {
  switch (grain) {
    case 'day':
      return start + 1;
    case 'week':
      return start + 7;
    case 'month':
      return addMonths(start, 1);
    case 'quarter':
      return addMonths(start, 3);
    case 'year':
      return addMonths(start, 12);
    default:
      return assertUnreachable(grain, 'grain');
  }
}

/** The number of the calendar month (year × 12 + month 1–12), quarter (year × 4 + 1–4) or year of a day. */
export function calendarNumber(day: number, grain: CalendarGrain): number {
  const { y, m } = parts(day);
  switch (grain) {
    case 'month':
      return y * 12 + m + 1;
    case 'quarter':
      return y * 4 + Math.floor(m / 3) + 1;
    case 'year':
      return y;
    default:
      return assertUnreachable(grain, 'grain');
  }
}

export interface Bucket {
  /** Label: the bucket's calendar start ('YYYY-MM-DD'), even when the range starts later. */
  label: string;
  /** The bucket ∩ the range, as days. */
  from: number;
  to: number;
}

/** The buckets covering a range, in order; grain all is one bucket labelled by the range start. */
export function bucketsOf(range: DayRange, grain: Grain): Bucket[] {
  if (grain === 'all') return [{ label: formatDay(range.from), from: range.from, to: range.to }];
  const buckets: Bucket[] = [];
  for (let start = truncDay(range.from, grain); start < range.to; start = nextBucket(start, grain)) {
    buckets.push({
      label: formatDay(start),
      from: Math.max(start, range.from),
      to: Math.min(nextBucket(start, grain), range.to),
    });
  }
  return buckets;
}

/**
 * The comparison range. `year`: the same dates one year earlier. `previous`: the range of the same
 * length immediately before; when both ends are first days of months, "same length" is counted in
 * calendar months (Feb–Mar compares with Dec–Jan), otherwise in days.
 */
export function comparisonRange(range: DayRange, comparison: Comparison): DayRange {
  if (comparison === 'year') return { from: addMonths(range.from, -12), to: addMonths(range.to, -12) };
  const a = parts(range.from);
  const b = parts(range.to);
  if (a.d === 1 && b.d === 1) {
    const months = (b.y - a.y) * 12 + (b.m - a.m);
    return { from: addMonths(range.from, -months), to: range.from };
  }
  return { from: range.from - (range.to - range.from), to: range.from };
}

/** Local midnights already worked out (a query binds a few dozen, the same on every visit). */
const midnights = new Map<string, string>();
const MAX_MIDNIGHTS = 50_000;

/** The UTC instant of local midnight starting `day` in `timezone`, as 'YYYY-MM-DD HH:MM:SS'. */
export function localMidnightUtc(day: number, timezone: string): string {
  const key = `${timezone}|${day}`;
  let text = midnights.get(key);
  if (text === undefined) {
    const instant = zonedToUtcMs(day * DAY_MS, timezone);
    text = new Date(instant).toISOString().slice(0, 19).replace('T', ' ');
    if (midnights.size >= MAX_MIDNIGHTS) midnights.clear();
    midnights.set(key, text);
  }
  return text;
}
