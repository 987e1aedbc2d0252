import type { FormulaContext, MeasureValues } from '../types.ts';

export const LTV_LIFESPAN_CAP_YEARS = 10;
const DAYS_PER_YEAR = 365.25;

export const LTV_MEASURES = ['revenue', 'purchases', 'purchasers', 'customers_start', 'customers_lost'] as const;

/**
 * LTV = average purchase value × purchase frequency × lifespan, over one bucket of `periodDays`:
 * - average purchase value = revenue / purchases;
 * - frequency = purchases / purchasers / years in the bucket (purchases per customer per year);
 * - annual churn = customers_lost / customers_start × (365.25 / periodDays);
 * - lifespan = 1 / annual churn, capped at 10 years; 10 when no customer was lost.
 * Null when nothing was bought or there were no customers at the start (churn unknown).
 */
export function computeLtv(values: MeasureValues, context: FormulaContext): number | null {
  const { revenue, purchases, purchasers, customers_start: start, customers_lost: lost } = values;
  if (revenue == null || !purchases || !purchasers || !start || lost == null || context.periodDays <= 0) return null;
  const years = context.periodDays / DAYS_PER_YEAR;
  const averagePurchase = revenue / purchases;
  const frequency = purchases / purchasers / years;
  const annualChurn = lost / start / years;
  const lifespan = annualChurn === 0 ? LTV_LIFESPAN_CAP_YEARS : Math.min(LTV_LIFESPAN_CAP_YEARS, 1 / annualChurn);
  return averagePurchase * frequency * lifespan;
}
