/**
 * attributed_revenue (and roi, romi, roas built on it) under an attribution model other than the
 * one compiled into SQL (last non-direct touch): the attribution engine credits the revenue of
 * each period bucket, and its credits replace the SQL values of the attributed measure before the
 * result is shaped, so formulas and comparisons work unchanged.
 */
import {
  AppError,
  type AttributionModel,
  bucketsOf,
  formatDay,
  measureColumns,
  NOT_SET_KEY,
  parseTimestamp,
  type QueryPlan,
} from '@northstar/core';
import type { JourneyDimension } from '../attribution/journey-sql.ts';
import { attributeQuery } from '../attribution/run-attribution.ts';
import type { Store } from '../store/store.ts';

export const ATTRIBUTED_MEASURE = 'attributed_revenue_amount';
export const SQL_MODEL: AttributionModel = 'last_non_direct';
const MODEL_DIMENSIONS: readonly string[] = ['channel', 'source', 'campaign'];
const LOOKBACK_DAYS = 90;

export function needsEngineAttribution(plan: QueryPlan, model: AttributionModel | undefined): model is AttributionModel {
  return model !== undefined && model !== SQL_MODEL && plan.measures.some((m) => m.id === ATTRIBUTED_MEASURE);
}

function instant(day: number, timezone: string): number {
  return parseTimestamp(formatDay(day), timezone) as number;
}

/** Rows of the compiled query with the attributed measure recomputed by `model`. */
export async function applyAttributionModel(
  store: Store,
  plan: QueryPlan,
  rows: readonly Record<string, unknown>[],
  model: AttributionModel,
): Promise<Record<string, unknown>[]> {
  if (plan.filters.length > 0) throw new AppError('badRequest', `filters cannot be combined with model '${model}'`);
  if (plan.dimensions.length > 1 || plan.dimensions.some((d) => !MODEL_DIMENSIONS.includes(d))) {
    throw new AppError('badRequest', `with model '${model}' a query can be broken down by one of ${MODEL_DIMENSIONS.join(', ')} only`);
  }
  const measure = plan.measures.find((m) => m.id === ATTRIBUTED_MEASURE);
  const column = measure ? measureColumns(measure).value : undefined;
  if (!column) return [...rows];
  const by = (plan.dimensions[0] ?? 'channel') as JourneyDimension;
  const out: Record<string, unknown>[] = rows.map((row) => (column in row ? { ...row, [column]: null } : row));
  const ranges = [plan.range, ...(plan.comparison ? [plan.comparison.range] : [])];
  for (const [r, range] of ranges.entries()) {
    for (const [period, bucket] of bucketsOf(range, plan.grain).entries()) {
      const result = await attributeQuery(
        store,
        {
          conversion: 'revenue',
          by,
          lookbackDays: LOOKBACK_DAYS,
          fromMs: instant(bucket.from, plan.timezone),
          toMs: instant(bucket.to, plan.timezone),
        },
        model,
      );
      if (plan.dimensions.length === 0) {
        out.push({ _r: r, _p: period, [column]: result.totalValue });
        continue;
      }
      for (const credit of result.rows) {
        // Breakdowns group unknown values under (none), as the SQL path does.
        const key = credit.key === NOT_SET_KEY ? '(none)' : credit.key;
        if (credit.value !== 0) out.push({ _r: r, _p: period, d0: key, [column]: credit.value });
      }
    }
  }
  return out;
}
