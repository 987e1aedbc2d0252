/** Date ranges the way the dashboard computes them (the demo workspace is in UTC). */
export function utcDay(offsetDays = 0, now = new Date()): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offsetDays));
  return date.toISOString().slice(0, 10);
}

/** The last `days` days including today: the API range [from, to) and the URL's inclusive end. */
export function lastDays(days: number): { from: string; to: string; end: string } {
  return { from: utcDay(-(days - 1)), to: utcDay(1), end: utcDay(0) };
}
