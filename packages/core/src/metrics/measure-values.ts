/**
 * Turns the rows of a compiled query into measure values per (range, bucket, dimension values):
 * plain measures as returned (missing counts and sums are 0), running `active` measures summed
 * in bucket order from their baseline, and `snapshot` measures resolved per key then summed.
 */

import { BOTH_RANGES, measureColumns } from './compile-query.ts';
import { type Bucket, bucketsOf } from './periods.ts';
import type { QueryPlan } from './plan-query.ts';
import type { MeasureDef } from './types.ts';

type Values = Record<string, number | null>;

export interface BucketValues {
  bucket: Bucket;
  dims: string[];
  /** True when the SQL returned a row for this bucket and these dimension values. */
  present: boolean;
  values: Values;
}

interface Cell {
  values: Values;
  keyed: Map<string, Values>;
}

const BASE = -1;

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function isAdditive(measure: MeasureDef): boolean {
  const fn = measure.aggregate.fn;
  return fn === 'count' || fn === 'sum' || fn === 'countDistinct';
}

export function indexRows(plan: QueryPlan, rows: readonly Record<string, unknown>[], valueColumns: readonly string[]) {
  const ranges = [plan.range, ...(plan.comparison ? [plan.comparison.range] : [])];
  const buckets = ranges.map((range) => bucketsOf(range, plan.grain));
  const cells = new Map<string, Cell>();
  const combos = ranges.map(() => new Map<string, string[]>());
  const comparisonBuckets = buckets[1]?.length ?? 0;
  for (const row of rows) {
    let r = Number(row._r);
    let index = row._p === null || row._p === undefined ? BASE : Number(row._p);
    if (r === BOTH_RANGES) {
      r = index < comparisonBuckets ? 1 : 0;
      if (r === 0) index -= comparisonBuckets;
    }
    const dims = plan.dimensions.map((_, i) => String(row[`d${i}`]));
    const comboKey = JSON.stringify(dims);
    combos[r]?.set(comboKey, dims);
    if (index !== BASE && !(Number.isInteger(index) && index >= 0 && index < (buckets[r]?.length ?? 0))) continue;
    const id = `${r}|${index}|${comboKey}`;
    let cell = cells.get(id);
    if (!cell) {
      cell = { values: {}, keyed: new Map() };
      cells.set(id, cell);
    }
    const target = row._k === null || row._k === undefined ? cell.values : keyedValues(cell, String(row._k));
    for (const column of valueColumns) {
      const value = toNumber(row[column]);
      if (value !== null) target[column] = value;
    }
  }
  return { buckets, cells, combos };
}

function keyedValues(cell: Cell, key: string): Values {
  let values = cell.keyed.get(key);
  if (!values) {
    values = {};
    cell.keyed.set(key, values);
  }
  return values;
}

/** Measure values of every bucket of range `r` for one combination of dimension values. */
export function bucketSeries(plan: QueryPlan, index: ReturnType<typeof indexRows>, r: number, dims: string[]): BucketValues[] {
  const comboKey = JSON.stringify(dims);
  const cell = (i: number) => index.cells.get(`${r}|${i}|${comboKey}`);
  const buckets = index.buckets[r] ?? [];
  const out: BucketValues[] = buckets.map((bucket, i) => ({ bucket, dims, present: cell(i) !== undefined, values: {} }));
  for (const measure of plan.measures) {
    const columns = measureColumns(measure);
    const a = measure.aggregate;
    if (a.fn === 'active') {
      let running = cell(BASE)?.values[columns.base as string] ?? 0;
      out.forEach((b, i) => {
        const start = running;
        running += (cell(i)?.values[columns.in as string] ?? 0) - (cell(i)?.values[columns.out as string] ?? 0);
        b.values[measure.id] = a.at === 'start' ? start : running;
      });
    } else if (a.fn === 'snapshot') {
      const keys = new Set<string>([...(cell(BASE)?.keyed.keys() ?? []), ...buckets.flatMap((_, i) => [...(cell(i)?.keyed.keys() ?? [])])]);
      const totals: Array<number | null> = buckets.map(() => null);
      for (const key of keys) {
        let last = cell(BASE)?.keyed.get(key)?.[columns.last as string] ?? null;
        buckets.forEach((_, i) => {
          const here = cell(i)?.keyed.get(key);
          const inside = here?.[columns.last as string] ?? null;
          const value = a.at === 'end' ? inside : (last ?? here?.[columns.first as string] ?? null);
          if (value !== null) totals[i] = (totals[i] ?? 0) + value;
          if (inside !== null) last = inside;
        });
      }
      out.forEach((b, i) => {
        b.values[measure.id] = totals[i] ?? null;
      });
    } else {
      out.forEach((b, i) => {
        b.values[measure.id] = cell(i)?.values[columns.value as string] ?? (isAdditive(measure) ? 0 : null);
      });
    }
  }
  return out;
}
