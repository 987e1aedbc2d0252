/** Reading the catalog: a metric's parsed formula, the measures it needs, the dimensions it allows. */
import { type Formula, formulaReferences, parseFormula } from './formula.ts';
import type { Catalog, MeasureDef, MetricDef, SeriesMetricDef } from './types.ts';

const parsedFormulas = new WeakMap<SeriesMetricDef, Formula>();

/** The parsed formula of a series metric; undefined when it is computed by a function. */
export function metricFormula(metric: SeriesMetricDef): Formula | undefined {
  if (!metric.formula) return undefined;
  let formula = parsedFormulas.get(metric);
  if (!formula) {
    const parsed = parseFormula(metric.formula);
    if (!parsed.value) throw new Error(`metric '${metric.id}': ${parsed.errors.join('; ')}`);
    formula = parsed.value;
    parsedFormulas.set(metric, formula);
  }
  return formula;
}

/** A formula reference names a measure when one has that id, else a metric. */
export function isMeasureReference(catalog: Catalog, name: string): boolean {
  return catalog.measures.has(name);
}

/** Every measure a metric needs, following references to other metrics. */
export function metricMeasures(catalog: Catalog, metric: MetricDef, seen: Set<string> = new Set()): MeasureDef[] {
  if (seen.has(metric.id)) throw new Error(`metric '${metric.id}' refers to itself`);
  const path = new Set(seen).add(metric.id);
  const found = new Map<string, MeasureDef>();
  const add = (name: string) => {
    const measure = catalog.measures.get(name);
    if (measure) return void found.set(name, measure);
    const other = catalog.metrics.get(name);
    if (!other) throw new Error(`metric '${metric.id}' refers to unknown '${name}'`);
    for (const m of metricMeasures(catalog, other, path)) found.set(m.id, m);
  };
  if (metric.kind === 'series') {
    const formula = metricFormula(metric);
    for (const name of formula ? formulaReferences(formula) : (metric.measures ?? [])) add(name);
  } else if (metric.kind === 'table') {
    for (const column of metric.columns) add(column.metric);
  }
  return [...found.values()];
}

/** Dimensions a metric can be broken down or filtered by. */
export function allowedDimensions(catalog: Catalog, metric: MetricDef): string[] {
  if (metric.kind === 'custom') return [...metric.dimensions];
  if (metric.kind === 'series' && metric.dimensions) return [...metric.dimensions];
  let allowed: string[] | undefined;
  for (const measure of metricMeasures(catalog, metric)) {
    const source = catalog.sources.get(measure.source);
    const optIn = source?.optInDimensions ?? [];
    const names = Object.keys(source?.dimensions ?? {}).filter((d) => !optIn.includes(d));
    allowed = allowed ? allowed.filter((d) => names.includes(d)) : names;
  }
  return (allowed ?? []).sort();
}

export interface MetricListing {
  id: string;
  name: string;
  description: string;
  unit: string;
  direction: string;
  kind: MetricDef['kind'];
  formula?: string;
  dimensions: string[];
  measures: string[];
}

/** The catalog as plain data, for `northstar metrics` and GET /api/v1/metrics. */
export function listMetrics(catalog: Catalog): MetricListing[] {
  return [...catalog.metrics.values()].map((metric) => ({
    id: metric.id,
    name: metric.name,
    description: metric.description,
    unit: metric.unit,
    direction: metric.direction,
    kind: metric.kind,
    ...(metric.kind === 'series' && metric.formula ? { formula: metric.formula } : {}),
    dimensions: allowedDimensions(catalog, metric),
    measures: metric.kind === 'custom' ? [] : metricMeasures(catalog, metric).map((m) => m.id),
  }));
}
