import type { MetricInfo, Row, Unit } from '../api/types.ts';

export interface Column {
  key: string;
  /** Number columns are formatted by this unit; text columns are shown as they are. */
  unit: Unit | null;
  /** The metric id whose name labels the column, or null for a dimension/other column. */
  metric: string | null;
  /** True for `<metric>_previous` comparison columns. */
  previous: boolean;
}

const RATE_COLUMN = /(_rate|_share|^share|uplift|ctr|_pct|percent|^ci_low|^ci_high|^cohort_retention)$/;
const MONEY_COLUMN = /(revenue|spend|budget|actual|variance|amount|cost)$/;
const COUNT_COLUMN =
  /^(dropped|lost|inactive|active|months_since|planned_sample_size|sessions|visitors|pageviews|conversions|clicks|impressions|registrations|attendees|customers|contacts|leads|count|responses|views|submissions)$/;

/** Guesses a column's unit from the catalog, else from its name, else from its values. */
export function columnUnit(key: string, rows: readonly Row[], catalog: ReadonlyMap<string, MetricInfo>): Unit | null {
  const base = key.endsWith('_previous') ? key.slice(0, -'_previous'.length) : key;
  const info = catalog.get(base);
  if (info && info.unit !== 'table') return info.unit;
  const numeric = rows.some((r) => typeof r[key] === 'number') && rows.every((r) => r[key] === null || typeof r[key] === 'number');
  if (!numeric) return null;
  if (RATE_COLUMN.test(base)) return 'rate';
  if (MONEY_COLUMN.test(base)) return 'money';
  if (COUNT_COLUMN.test(base)) return 'count';
  return 'number';
}

/** The columns of a result in a readable order: period, dimensions, then values. */
export function tableColumns(rows: readonly Row[], catalog: ReadonlyMap<string, MetricInfo>, order: readonly string[] = []): Column[] {
  const keys: string[] = [];
  for (const key of order) if (rows.some((r) => key in r)) keys.push(key);
  for (const row of rows) for (const key of Object.keys(row)) if (!keys.includes(key)) keys.push(key);
  return keys.map((key) => {
    const previous = key.endsWith('_previous');
    const base = previous ? key.slice(0, -'_previous'.length) : key;
    return { key, unit: columnUnit(key, rows, catalog), metric: catalog.has(base) ? base : null, previous };
  });
}
