import { evaluateFormula } from './formula.ts';
import { metricFormula } from './resolve.ts';
import type { Catalog, FormulaContext, MeasureValues, MetricDef } from './types.ts';

/** A metric's value from the measure values of one bucket; null when undefined (e.g. ÷ 0). */
export function evaluateMetric(catalog: Catalog, metric: MetricDef, values: MeasureValues, context: FormulaContext): number | null {
  if (metric.kind !== 'series') throw new Error(`metric '${metric.id}' is a table`);
  if (metric.compute) {
    const value = metric.compute(values, context);
    return value === null || !Number.isFinite(value) ? null : value;
  }
  const formula = metricFormula(metric);
  if (!formula) return null;
  return evaluateFormula(formula, (name) => {
    if (catalog.measures.has(name)) return values[name] ?? null;
    const other = catalog.metrics.get(name);
    return other ? evaluateMetric(catalog, other, values, context) : null;
  });
}
