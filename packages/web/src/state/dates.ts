/** Calendar arithmetic on 'YYYY-MM-DD' strings (UTC-based, so no daylight-saving surprises). */

export function parseDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = parseDay(day);
  date.setUTCDate(date.getUTCDate() + days);
  return formatDay(date);
}

export function addMonths(day: string, months: number): string {
  const date = parseDay(day);
  date.setUTCMonth(date.getUTCMonth() + months, 1);
  return formatDay(date);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / 86_400_000);
}

export function startOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function startOfQuarter(day: string): string {
  const month = Number(day.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return `${day.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

export function startOfYear(day: string): string {
  return `${day.slice(0, 4)}-01-01`;
}

/** Today's date in a time zone, as YYYY-MM-DD. */
/** Every tile asks for today on each render: a formatter per time zone is made once. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function todayIn(timeZone: string, now: Date = new Date()): string {
  try {
    let format = dayFormats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      dayFormats.set(timeZone, format);
    }
    return format.format(now);
  } catch {
    return formatDay(now);
  }
}

export function isDay(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parseDay(value).getTime());
}
