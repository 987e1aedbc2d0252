import type { TruncGrain } from './types.ts';

/** Grains whose buckets are calendar units a dialect may number (calendarIndex). */
export type CalendarGrain = 'month' | 'quarter' | 'year';

/**
 * The operations the metric compiler needs from an engine. Everything engine-specific lives
 * behind this interface, so one metric definition compiles to DuckDB and ClickHouse alike.
 * Implementations are plain objects of pure string builders.
 */
export interface SqlDialect {
  readonly name: string;
  /** Placeholder of the n-th bound parameter (1-based). */
  param(index: number): string;
  quoteIdentifier(name: string): string;
  /** A string literal; only for constants written in Northstar's own code, never user input. */
  stringLiteral(value: string): string;
  /** A bound parameter holding 'YYYY-MM-DD HH:MM:SS' (UTC) read as a timestamp. */
  timestampParam(placeholder: string): string;
  /** A bound parameter read as text. */
  textParam(placeholder: string): string;
  /** A bound parameter holding 'YYYY-MM-DD' read as a date. */
  dateParam(placeholder: string): string;
  /** The wall-clock time in `timezone` (an expression, usually a parameter) of a UTC timestamp. */
  toLocalTime(timestamp: string, timezone: string): string;
  /** Start of the day/ISO week (Monday)/month/quarter/year holding a local time or date, as a date. */
  dateTrunc(grain: TruncGrain, value: string): string;
  /** Whole months from the first to the second month-start date. */
  monthsBetween(a: string, b: string): string;
  /** A date as 'YYYY-MM-DD' text. */
  formatDate(date: string): string;
  /** A timestamp shifted by a whole number of seconds (a constant of Northstar's own code). */
  addSeconds(timestamp: string, seconds: number): string;
  /** Seconds from a to b, as a double. */
  secondsBetween(a: string, b: string): string;
  countAll(): string;
  countIf(condition: string): string;
  countDistinct(expression: string): string;
  countDistinctIf(expression: string, condition: string): string;
  sumIf(expression: string, condition: string): string;
  minIf(expression: string, condition: string): string;
  maxIf(expression: string, condition: string): string;
  median(expression: string): string;
  quantile(expression: string, q: number): string;
  /** The value of `value` on the row with the smallest (largest) `by`. */
  argMin(value: string, by: string): string;
  argMax(value: string, by: string): string;
  /** a / b, null when b is 0 or null. */
  safeDivide(a: string, b: string): string;
  /** A dimension value as text: empty and null become '(none)'. */
  dimensionValue(expression: string): string;
  /** Case-insensitive substring test of a text expression against a bound parameter. */
  containsText(expression: string, placeholder: string): string;
  toDouble(expression: string): string;
  /**
   * Optional, where it is cheaper than comparing with bucket starts: the index of the calendar
   * month (quarter, year) holding `value` — a date, or a timestamp read in UTC — counted from the
   * one numbered by the bound integer `origin`. Numbers: year × 12 + month (1–12) for months,
   * year × 4 + quarter (1–4) for quarters, the year for years. `kind` says which `value` is.
   */
  calendarIndex?(grain: CalendarGrain, value: string, origin: string, kind: 'date' | 'timestamp'): string;
  /** A bucket's index (a small integer of the compiler's own), typed alike in every UNION ALL branch. */
  bucketIndex(index: number): string;
  /** A typed NULL so UNION ALL branches agree on column types. */
  nullOf(kind: 'double' | 'text'): string;
  concat(...parts: string[]): string;
}
