/**
 * Shape: measure values per bucket become the rows of the answer — `period` (absent at grain
 * all), the dimension values, each metric, and `<metric>_previous` when comparing. Tables rename
 * their columns, drop rows under their minimum, and order and limit rows within each period.
 */
import { evaluateMetric } from './evaluate-metric.ts';
import { type BucketValues, bucketSeries, indexRows } from './measure-values.ts';
import type { QueryPlan } from './plan-query.ts';
import type { Catalog } from './types.ts';

export type ResultValue = string | number | null;
export type ResultRow = Record<string, ResultValue>;
export interface QueryResult {
  rows: ResultRow[];
}

function hasState(plan: QueryPlan): boolean {
  return plan.measures.some((m) => m.aggregate.fn === 'active' || m.aggregate.fn === 'snapshot');
}

export function shapeResult(
  catalog: Catalog,
  plan: QueryPlan,
  sqlRows: readonly Record<string, unknown>[],
  valueColumns: readonly string[],
): QueryResult {
  const index = indexRows(plan, sqlRows, valueColumns);
  const combos = plan.dimensions.length === 0 ? [[]] : [...(index.combos[0]?.values() ?? [])];
  const columns = plan.table ? plan.table.columns : plan.metrics.map((m) => ({ name: m.id, metric: m.id }));
  const evaluate = (b: BucketValues | undefined) =>
    columns.map((c) => {
      if (!b) return null;
      const metric = catalog.metrics.get(c.metric);
      return metric ? evaluateMetric(catalog, metric, b.values, { periodDays: b.bucket.to - b.bucket.from }) : null;
    });

  const rows: Array<{ bucket: number; row: ResultRow }> = [];
  for (const dims of combos) {
    const current = bucketSeries(plan, index, 0, dims);
    const previous = plan.comparison ? bucketSeries(plan, index, 1, dims) : [];
    current.forEach((b, i) => {
      if (plan.dimensions.length > 0 && !b.present && !hasState(plan)) return;
      const row: ResultRow = {};
      if (plan.grain !== 'all') row.period = b.bucket.label;
      plan.dimensions.forEach((name, d) => {
        row[name] = dims[d] ?? null;
      });
      const values = evaluate(b);
      const before = plan.comparison ? evaluate(previous[i]) : [];
      columns.forEach((c, k) => {
        row[c.name] = values[k] ?? null;
        if (plan.comparison) row[`${c.name}_previous`] = before[k] ?? null;
      });
      rows.push({ bucket: i, row });
    });
  }
  return { rows: orderRows(plan, rows) };
}

function compare(a: ResultValue | undefined, b: ResultValue | undefined, direction: 'asc' | 'desc'): number {
  // Nulls last whatever the direction.
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return direction === 'asc' ? order : -order;
}

function orderRows(plan: QueryPlan, rows: Array<{ bucket: number; row: ResultRow }>): ResultRow[] {
  const table = plan.table;
  let kept = rows;
  if (table?.minimum) {
    const { column, min, option } = table.minimum;
    const threshold = (option ? plan.options[option] : undefined) ?? min;
    kept = kept.filter(({ row }) => typeof row[column] === 'number' && (row[column] as number) >= threshold);
  }
  const keys: Array<(a: ResultRow, b: ResultRow) => number> = [];
  const order = plan.order ? { column: plan.order.metric, direction: plan.order.direction } : table?.order;
  if (order && 'column' in order) keys.push((a, b) => compare(a[order.column], b[order.column], order.direction));
  if (order && 'dimension' in order) {
    const rank = (v: ResultValue | undefined) => {
      const i = order.values.indexOf(String(v));
      return i < 0 ? order.values.length : i;
    };
    keys.push((a, b) => rank(a[order.dimension]) - rank(b[order.dimension]));
  }
  for (const then of plan.order ? [] : (table?.thenBy ?? [])) keys.push((a, b) => compare(a[then.column], b[then.column], then.direction));
  for (const name of plan.dimensions) keys.push((a, b) => compare(a[name], b[name], 'asc'));
  const sorted = [...kept].sort((a, b) => {
    if (a.bucket !== b.bucket) return a.bucket - b.bucket;
    for (const key of keys) {
      const c = key(a.row, b.row);
      if (c !== 0) return c;
    }
    return 0;
  });
  if (plan.limit === undefined) return sorted.map((r) => r.row);
  const taken = new Map<number, number>();
  return sorted
    .filter(({ bucket }) => {
      const n = taken.get(bucket) ?? 0;
      taken.set(bucket, n + 1);
      return n < (plan.limit as number);
    })
    .map((r) => r.row);
}
