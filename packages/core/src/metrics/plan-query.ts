/**
 * Plan: validate a request against the catalog and settle everything the SQL needs: the metrics
 * and measures, the ranges as days, the grain, timezone, dimensions and filters.
 */
import { AppError } from '../errors/app-error.ts';
import { isValidTimezone } from '../inputs/parse-value.ts';
import { localDay } from '../inputs/zoned-time.ts';
import { bucketsOf, comparisonRange, type DayRange, parseDay } from './periods.ts';
import type { QueryFilter, QueryRequest } from './request.ts';
import { allowedDimensions, metricMeasures } from './resolve.ts';
import type { Catalog, CustomTableMetricDef, Grain, MeasureDef, MetricDef, SeriesMetricDef, TableMetricDef } from './types.ts';

const MAX_BUCKETS = 5000;
const DEFAULT_DAYS = 30;

export interface QueryPlan {
  kind: MetricDef['kind'];
  /** Series metrics to evaluate: the requested ones, or a table's column metrics. */
  metrics: SeriesMetricDef[];
  table?: TableMetricDef;
  custom?: CustomTableMetricDef;
  measures: MeasureDef[];
  range: DayRange;
  comparison?: { kind: 'previous' | 'year'; range: DayRange };
  grain: Grain;
  timezone: string;
  dimensions: string[];
  filters: QueryFilter[];
  limit?: number;
  order?: { metric: string; direction: 'asc' | 'desc' };
  options: Record<string, number>;
}

export interface PlanContext {
  /** The workspace timezone, used when the request names none. */
  timezone: string;
  /** For the default range; defaults to the current time. */
  now?: Date;
}

function resolveMetrics(catalog: Catalog, ids: readonly string[]): MetricDef[] {
  const metrics = ids.map((id) => {
    const metric = catalog.metrics.get(id);
    if (!metric) throw new AppError('unknownMetric', `unknown metric '${id}'`, { metric: id });
    return metric;
  });
  const table = metrics.find((m) => m.kind !== 'series');
  if (table && metrics.length > 1) {
    throw new AppError('badRequest', `table metric '${table.id}' must be queried on its own`, { metric: table.id });
  }
  return metrics;
}

function resolveRange(request: QueryRequest, timezone: string, now: Date): DayRange {
  const day = (field: 'from' | 'to'): number | undefined => {
    const text = request[field];
    if (text === undefined) return undefined;
    const parsed = parseDay(text);
    if (parsed === undefined)
      throw new AppError('badDate', `bad date '${text}' for '${field}' (expected YYYY-MM-DD)`, { field, value: text });
    return parsed;
  };
  const today = localDay(now.getTime(), timezone);
  const to = day('to') ?? today + 1;
  const from = day('from') ?? to - DEFAULT_DAYS;
  if (from >= to)
    throw new AppError('badDate', `'from' (${request.from ?? from}) must be before 'to' (${request.to ?? to})`, { field: 'from' });
  return { from, to };
}

function checkDimensions(catalog: Catalog, metrics: readonly MetricDef[], names: readonly string[], what: string): void {
  for (const metric of metrics) {
    const allowed = allowedDimensions(catalog, metric);
    for (const name of names) {
      if (!allowed.includes(name)) {
        throw new AppError(
          'unknownDimension',
          `${what} '${name}' not allowed for metric '${metric.id}' (allowed: ${allowed.join(', ') || 'none'})`,
          { dimension: name, metric: metric.id, allowed },
        );
      }
    }
  }
}

export function planQuery(catalog: Catalog, request: QueryRequest, context: PlanContext): QueryPlan {
  const metrics = resolveMetrics(catalog, request.metrics);
  const timezone = request.timezone ?? context.timezone;
  if (!isValidTimezone(timezone)) throw new AppError('badTimezone', `unknown timezone '${timezone}'`, { timezone });
  const range = resolveRange(request, timezone, context.now ?? new Date());
  const first = metrics[0] as MetricDef;
  const grain = request.grain ?? (first.kind === 'series' ? 'all' : first.defaultGrain);
  if (range.to - range.from > 400 * 366 || bucketsOf(range, grain).length > MAX_BUCKETS) {
    throw new AppError('badRequest', `too many ${grain} buckets in the range (at most ${MAX_BUCKETS})`);
  }
  const requested = request.dimensions ?? [];
  const filters = request.filters ?? [];
  checkDimensions(catalog, metrics, requested, 'dimension');
  checkDimensions(
    catalog,
    metrics,
    filters.map((f) => f.dimension),
    'filter dimension',
  );

  const table = first.kind === 'table' ? first : undefined;
  const series = table
    ? table.columns.map((c) => catalog.metrics.get(c.metric) as SeriesMetricDef)
    : (metrics.filter((m) => m.kind === 'series') as SeriesMetricDef[]);
  const dimensions = [...new Set([...(table?.rowDimensions ?? []), ...requested])];
  const measures = new Map<string, MeasureDef>();
  for (const metric of metrics) for (const m of metricMeasures(catalog, metric)) measures.set(m.id, m);

  const columns = table ? table.columns.map((c) => c.name) : request.metrics;
  if (request.order && !columns.includes(request.order.metric)) {
    throw new AppError('badRequest', `cannot order by '${request.order.metric}': not a column of the result (${columns.join(', ')})`);
  }
  const plan: QueryPlan = {
    kind: first.kind,
    metrics: series,
    measures: [...measures.values()],
    range,
    grain,
    timezone,
    dimensions,
    filters,
    options: request.options ?? {},
  };
  if (table) plan.table = table;
  if (first.kind === 'custom') plan.custom = first;
  if (request.comparison) plan.comparison = { kind: request.comparison, range: comparisonRange(range, request.comparison) };
  const limit = request.limit ?? (table ? table.defaultLimit : undefined);
  if (limit !== undefined) plan.limit = limit;
  if (request.order) plan.order = request.order;
  return plan;
}
