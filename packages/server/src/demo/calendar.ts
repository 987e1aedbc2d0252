import { type Rng, Weighted } from './prng.ts';

/**
 * Time in the demo: UTC day numbers (days since 1970-01-01) for the 12-month window, and the
 * multipliers that make traffic look like a real B2B business — seasonality, growth, weekdays,
 * public holidays and office hours.
 */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export interface DemoWindow {
  /** First day of the window (UTC day number). */
  startDay: number;
  /** The day of `today` (UTC day number); the window is inclusive of it. */
  endDay: number;
  startMs: number;
  /** `today`: nothing is generated after this instant. */
  endMs: number;
  days: number;
}

export function demoWindow(today: Date): DemoWindow {
  const endMs = today.getTime();
  const endDay = Math.floor(endMs / DAY_MS);
  const startDay = endDay - 364;
  return { startDay, endDay, startMs: startDay * DAY_MS, endMs, days: endDay - startDay + 1 };
}

const isoCache = new Map<number, string>();

/** 'YYYY-MM-DD' of a UTC day number. */
export function isoDay(day: number): string {
  let text = isoCache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, text);
  }
  return text;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (day + 4) % 7;
}

/** Month (1-12) and year of a day number. */
export function monthOf(day: number): { year: number; month: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

/** Day number of the first of the month containing `day`. */
export function monthStartDay(day: number): number {
  const date = new Date(day * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS;
}

export function daysInMonth(day: number): number {
  const date = new Date(day * DAY_MS);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Adds whole months to an instant (billing dates), clamping to the month's last day. */
export function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const target = new Date(ms);
  target.setUTCDate(1);
  target.setUTCMonth(date.getUTCMonth() + months);
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), last));
  return target.getTime();
}

/**
 * B2B demand by month (index 0 = January): a slow start after New Year, a spring high,
 * a summer dip (July–August holidays), and a Q4 peak as budgets are spent before year end.
 */
const MONTHLY = [0.93, 1.0, 1.06, 1.05, 1.0, 0.9, 0.76, 0.74, 1.0, 1.1, 1.16, 0.94];

/** Seasonality, interpolated between mid-month anchors so the curve has no steps. */
export function seasonality(day: number): number {
  const date = new Date(day * DAY_MS);
  const month = date.getUTCMonth();
  const position = (date.getUTCDate() - 1) / daysInMonth(day) - 0.5;
  const neighbour = (month + (position < 0 ? 11 : 1)) % 12;
  const weight = Math.abs(position);
  return (MONTHLY[month] as number) * (1 - weight) + (MONTHLY[neighbour] as number) * weight;
}

/** Slow growth: +40 % over the year, compounding. */
export function trend(window: DemoWindow, day: number): number {
  return 1.4 ** ((day - window.startDay) / 365);
}

/** Weekday demand; Saudi Arabia and Egypt rest on Friday and Saturday. */
export function weekdayFactor(weekend: 'sat-sun' | 'fri-sat', dow: number): number {
  if (weekend === 'fri-sat') return [1.05, 1.08, 1.06, 1.04, 0.9, 0.42, 0.48][dow] as number;
  return [0.5, 1.06, 1.1, 1.08, 1.03, 0.9, 0.44][dow] as number;
}

const COMMON_HOLIDAYS = ['12-24', '12-25', '12-26', '12-31', '01-01'];
const HOLIDAYS: Record<string, string[]> = {
  PL: ['01-06', '05-01', '05-03', '08-15', '11-01', '11-11'],
  RU: ['01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08', '05-09', '06-12', '11-04'],
  KZ: ['01-02', '03-08', '03-21', '03-22', '05-09', '12-16'],
  UA: ['01-07', '03-08', '08-24'],
  DE: ['05-01', '10-03'],
  AE: ['12-02'],
  SA: ['09-23'],
  GB: ['08-25'],
  US: ['07-04', '11-27'],
};
/** Eid al-Fitr and Eid al-Adha (approximate civil dates). */
const EID = new Set([
  '2024-04-10',
  '2024-04-11',
  '2024-04-12',
  '2024-06-16',
  '2024-06-17',
  '2024-06-18',
  '2025-03-30',
  '2025-03-31',
  '2025-04-01',
  '2025-06-06',
  '2025-06-07',
  '2025-06-08',
  '2026-03-20',
  '2026-03-21',
  '2026-03-22',
  '2026-05-27',
  '2026-05-28',
  '2026-05-29',
  '2027-03-10',
  '2027-03-11',
  '2027-03-12',
  '2027-05-16',
  '2027-05-17',
  '2027-05-18',
]);
const GULF = new Set(['AE', 'SA', 'EG']);

/** Traffic on public holidays drops to about 40 % of a normal day. */
export function holidayFactor(country: string, day: number): number {
  const iso = isoDay(day);
  const monthDay = iso.slice(5);
  if (GULF.has(country)) return EID.has(iso) ? 0.45 : 1;
  if (COMMON_HOLIDAYS.includes(monthDay) || HOLIDAYS[country]?.includes(monthDay)) return 0.4;
  return 1;
}

/** Local hour of a visit: office hours on working days, evenings at weekends. */
const WORKDAY_HOURS = new Weighted(
  [
    0.15, 0.08, 0.05, 0.04, 0.05, 0.12, 0.35, 0.8, 1.3, 1.7, 1.85, 1.8, 1.55, 1.65, 1.75, 1.65, 1.45, 1.15, 0.95, 0.85, 0.8, 0.7, 0.5, 0.3,
  ].map((w, h) => [h, w] as const),
);
const WEEKEND_HOURS = new Weighted(
  [0.3, 0.2, 0.1, 0.08, 0.08, 0.1, 0.2, 0.35, 0.6, 0.85, 1.0, 1.05, 1.05, 1.0, 1.0, 0.95, 0.95, 1.0, 1.05, 1.1, 1.1, 0.95, 0.7, 0.45].map(
    (w, h) => [h, w] as const,
  ),
);

/** An instant on `day` at a local hour drawn from the office-hours profile, in UTC. */
export function visitTime(rng: Rng, day: number, utcOffsetHours: number, workingDay: boolean): number {
  const hour = (workingDay ? WORKDAY_HOURS : WEEKEND_HOURS).pick(rng);
  return day * DAY_MS + (hour - utcOffsetHours) * HOUR_MS + Math.floor(rng.float() * HOUR_MS);
}

/** A time during the working day (09:00–18:00 local) for CRM activity. */
export function officeTime(rng: Rng, day: number, utcOffsetHours: number): number {
  return day * DAY_MS + (9 - utcOffsetHours) * HOUR_MS + Math.floor(rng.float() * 9 * HOUR_MS);
}

/** Moves a CRM activity that fell on a weekend to the next Monday. */
export function nextWorkingDay(day: number): number {
  const dow = weekday(day);
  if (dow === 6) return day + 2;
  if (dow === 0) return day + 1;
  return day;
}
