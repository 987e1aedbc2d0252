/**
 * Tables that need more than formulas: each is a series query over helper metrics, then a pure
 * finishing step (statistics for ab_test, the retention triangle for cohort_retention).
 */
import { AppError } from '../errors/app-error.ts';
import { addMonths, parseDay } from './periods.ts';
import type { QueryPlan } from './plan-query.ts';
import { metricMeasures } from './resolve.ts';
import type { QueryResult, ResultRow } from './shape-result.ts';
import { compareProportions, sampleSizePerVariant } from './stats/two-proportion.ts';
import type { Catalog, SeriesMetricDef } from './types.ts';

export interface CustomTablePlan {
  /** The series query to run first. */
  plan: QueryPlan;
  finish(result: QueryResult): QueryResult;
}

function seriesPlan(catalog: Catalog, plan: QueryPlan, metricIds: string[], dimensions: string[], grain: QueryPlan['grain']): QueryPlan {
  const metrics = metricIds.map((id) => catalog.metrics.get(id) as SeriesMetricDef);
  const measures = [...new Map(metrics.flatMap((m) => metricMeasures(catalog, m)).map((m) => [m.id, m])).values()];
  const { comparison: _c, custom: _u, table: _t, limit: _l, order: _o, ...rest } = plan;
  return { ...rest, kind: 'series', metrics, measures, dimensions, grain };
}

export function planCustomTable(catalog: Catalog, plan: QueryPlan): CustomTablePlan {
  const id = plan.custom?.id;
  if (id === 'ab_test') {
    return {
      plan: seriesPlan(catalog, plan, ['experiment_visitors', 'experiment_conversions'], ['experiment', 'variant'], 'all'),
      finish: (result) => ({ rows: abTestRows(result.rows, plan.options) }),
    };
  }
  if (id === 'cohort_retention') {
    const extra = plan.dimensions.filter((d) => d !== 'months_to_churn');
    return {
      plan: seriesPlan(catalog, plan, ['cohort_customers'], ['months_to_churn', ...extra], 'month'),
      finish: (result) => ({ rows: cohortRows(result.rows, extra, plan.range.to) }),
    };
  }
  throw new AppError('internal', `table '${id}' has no implementation`);
}

const num = (value: unknown) => (typeof value === 'number' ? value : 0);

/** Per experiment and variant: counts, rate, uplift and test against the control. */
export function abTestRows(rows: readonly ResultRow[], options: Record<string, number>): ResultRow[] {
  const alpha = 0.05;
  const mde = options.min_detectable_effect ?? 0.1;
  const byExperiment = new Map<string, ResultRow[]>();
  for (const row of rows) byExperiment.set(String(row.experiment), [...(byExperiment.get(String(row.experiment)) ?? []), row]);
  const out: ResultRow[] = [];
  for (const [experiment, variants] of [...byExperiment].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...variants].sort((a, b) => String(a.variant).localeCompare(String(b.variant)));
    const control = sorted.find((v) => String(v.variant).toLowerCase() === 'control') ?? sorted[0];
    const n0 = num(control?.experiment_visitors);
    const c0 = num(control?.experiment_conversions);
    const rate0 = n0 > 0 ? c0 / n0 : null;
    const planned =
      options.sample_size ?? (rate0 === null ? null : sampleSizePerVariant(rate0, Math.min(1, rate0 * (1 + mde)), alpha, 0.8));
    for (const v of [control, ...sorted.filter((x) => x !== control)]) {
      if (!v) continue;
      const n = num(v.experiment_visitors);
      const c = num(v.experiment_conversions);
      const rate = n > 0 ? c / n : null;
      const isControl = v === control;
      const test = isControl ? null : compareProportions(c0, n0, c, n);
      const reached = planned !== null && n >= planned && n0 >= planned;
      let verdict: string | null = null;
      if (!isControl && reached && test?.pValue != null) {
        verdict = test.pValue < alpha ? (test.difference > 0 ? 'winner' : 'loser') : 'no_difference';
      }
      out.push({
        experiment,
        variant: String(v.variant),
        control: isControl,
        visitors: n,
        conversions: c,
        conversion_rate: rate,
        uplift: isControl || rate === null || !rate0 ? null : (rate - rate0) / rate0,
        p_value: test?.pValue ?? null,
        ci_low: test?.interval?.[0] ?? null,
        ci_high: test?.interval?.[1] ?? null,
        planned_sample_size: planned,
        verdict,
      } as unknown as ResultRow);
    }
  }
  return out;
}

/** The retention triangle: share of each monthly cohort still customers at the end of month k. */
export function cohortRows(rows: readonly ResultRow[], dimensions: readonly string[], rangeEnd: number): ResultRow[] {
  const cohorts = new Map<string, { period: string; dims: ResultRow; size: number; churned: Map<number, number> }>();
  for (const row of rows) {
    const count = num(row.cohort_customers);
    if (count === 0) continue;
    const dims: ResultRow = Object.fromEntries(dimensions.map((d) => [d, row[d] ?? null]));
    const key = JSON.stringify([row.period, dims]);
    let cohort = cohorts.get(key);
    if (!cohort) {
      cohort = { period: String(row.period), dims, size: 0, churned: new Map() };
      cohorts.set(key, cohort);
    }
    cohort.size += count;
    const offset = Number(row.months_to_churn);
    if (row.months_to_churn !== '(none)' && Number.isFinite(offset)) cohort.churned.set(offset, (cohort.churned.get(offset) ?? 0) + count);
  }
  const out: ResultRow[] = [];
  for (const cohort of [...cohorts.values()].sort((a, b) => a.period.localeCompare(b.period))) {
    const start = parseDay(cohort.period) as number;
    let active = cohort.size;
    for (let k = 0; addMonths(start, k + 1) <= rangeEnd; k++) {
      active -= cohort.churned.get(k) ?? 0;
      out.push({
        period: cohort.period,
        ...cohort.dims,
        months_since: k,
        customers: cohort.size,
        active,
        cohort_retention: active / cohort.size,
      });
    }
  }
  return out;
}
