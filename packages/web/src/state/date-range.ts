import type { Grain } from '../api/types.ts';
import { addDays, addMonths, daysBetween, startOfMonth, startOfQuarter, startOfYear } from './dates.ts';

export const RANGE_PRESETS = [
  'last_7_days',
  'last_30_days',
  'last_90_days',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
  'last_12_months',
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export type RangeKey = RangePreset | 'custom';

/** A date range as the API takes it: from inclusive, to exclusive. */
export interface DateRange {
  from: string;
  to: string;
}

export function isRangePreset(value: string | null): value is RangePreset {
  return value !== null && (RANGE_PRESETS as readonly string[]).includes(value);
}

/** Resolves a preset against today (in the workspace's time zone); ranges that include today end tomorrow. */
export function resolvePreset(preset: RangePreset, today: string): DateRange {
  const tomorrow = addDays(today, 1);
  switch (preset) {
    case 'last_7_days':
      return { from: addDays(today, -6), to: tomorrow };
    case 'last_30_days':
      return { from: addDays(today, -29), to: tomorrow };
    case 'last_90_days':
      return { from: addDays(today, -89), to: tomorrow };
    case 'this_month':
      return { from: startOfMonth(today), to: tomorrow };
    case 'last_month':
      return { from: addMonths(startOfMonth(today), -1), to: startOfMonth(today) };
    case 'this_quarter':
      return { from: startOfQuarter(today), to: tomorrow };
    case 'last_quarter':
      return { from: addMonths(startOfQuarter(today), -3), to: startOfQuarter(today) };
    case 'this_year':
      return { from: startOfYear(today), to: tomorrow };
    case 'last_year':
      return { from: addMonths(startOfYear(today), -12), to: startOfYear(today) };
    case 'last_12_months':
      return { from: addMonths(startOfMonth(today), -11), to: tomorrow };
  }
}

/** A grain that gives a readable number of points for the range. */
export function autoGrain(range: DateRange): Grain {
  const days = daysBetween(range.from, range.to);
  if (days <= 45) return 'day';
  if (days <= 180) return 'week';
  return 'month';
}
