import type { MetricInfo, QueryRequest } from '../api/types.ts';
import type { ViewState } from '../state/view-state.ts';
import { toQueryFilters } from '../state/view-state.ts';
import type { TileSpec } from './tile-spec.ts';

export interface TileRequest {
  request: QueryRequest;
  /** View filters left out because a metric of the tile cannot be filtered by them. */
  skippedFilters: string[];
}

/** Dimensions every metric of the tile accepts; undefined while the catalog is unknown. */
export function commonDimensions(metrics: readonly string[], catalog: ReadonlyMap<string, MetricInfo>): Set<string> | undefined {
  let common: Set<string> | undefined;
  for (const id of metrics) {
    const info = catalog.get(id);
    if (!info) return undefined;
    const dims = new Set(info.dimensions);
    common = common ? new Set([...common].filter((d) => dims.has(d))) : dims;
  }
  return common;
}

/** The API request of a tile in a view: the view's range, grain, comparison and the filters that apply. */
export function buildTileRequest(spec: TileSpec, view: ViewState, catalog: ReadonlyMap<string, MetricInfo>): TileRequest {
  const allowed = commonDimensions(spec.metrics, catalog);
  const filters = [...toQueryFilters(view.filters, allowed), ...(spec.filters ?? [])];
  const skippedFilters = allowed ? Object.keys(view.filters).filter((d) => !allowed.has(d)) : [];
  const isTable = spec.metrics.some((id) => catalog.get(id)?.kind === 'table');
  // A table KPI keeps its own default grain (budget vs actual: per month) unless the tile says otherwise.
  const grain = spec.grain ?? (isTable ? undefined : spec.viz === 'line' ? view.grain : 'all');
  const compares = !isTable && view.compare !== 'none' && (spec.viz === 'number' || spec.viz === 'bar' || spec.viz === 'table');
  const metrics = spec.rankBy && !spec.metrics.includes(spec.rankBy) ? [...spec.metrics, spec.rankBy] : spec.metrics;
  const request: QueryRequest = { metrics, from: view.from, to: view.to };
  if (grain) request.grain = grain;
  if (spec.by && spec.by.length > 0) request.by = spec.by;
  if (filters.length > 0) request.filters = filters;
  if (compares && view.compare !== 'none') request.compare = view.compare;
  if (spec.limit !== undefined) request.limit = spec.limit;
  if (spec.options) request.options = spec.options;
  return { request, skippedFilters };
}

/** The request of a KPI card's sparkline: the same metric over time, at the view's grain. */
export function sparklineRequest(request: QueryRequest, view: ViewState): QueryRequest {
  const { compare: _compare, ...rest } = request;
  return { ...rest, grain: view.grain === 'all' ? 'day' : view.grain };
}
