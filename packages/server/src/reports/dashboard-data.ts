/**
 * A dashboard's tiles computed for a date range, the way the dashboard app asks for them: number,
 * bar and table tiles over the whole range with the previous period to compare, line tiles over
 * time at a grain that suits the range (day up to 45 days, week up to 180, month beyond), table
 * KPIs at their own default grain. Every value comes from runQuery.
 */
import { AppError, type Catalog, type Grain, type MetricDef, parseDay, type QueryRequest, type ResultRow } from '@northstar/core';
import type { DashboardBody, DashboardTile } from '../http/routes/dashboards.ts';
import { runQuery } from '../metrics/run-query.ts';
import type { Store } from '../store/store.ts';

export interface TileData {
  tile: DashboardTile;
  title: string;
  metric: MetricDef | undefined;
  request: QueryRequest;
  rows: ResultRow[];
  /** Set when the tile could not be computed (e.g. its KPI was deleted); the others still are. */
  error?: string;
}

export interface DashboardData {
  id: string;
  name: string;
  from: string;
  /** Exclusive, as in queries. */
  to: string;
  tiles: TileData[];
}

export function autoGrain(from: string, to: string): Grain {
  const days = (parseDay(to) ?? 0) - (parseDay(from) ?? 0);
  if (days <= 45) return 'day';
  if (days <= 180) return 'week';
  return 'month';
}

export function tileRequest(tile: DashboardTile, metric: MetricDef | undefined, from: string, to: string): QueryRequest {
  const isTable = metric !== undefined && metric.kind !== 'series';
  const request: QueryRequest = { metrics: [tile.metric], from, to };
  if (!isTable) request.grain = tile.viz === 'line' ? autoGrain(from, to) : 'all';
  if (!isTable && tile.viz !== 'line') request.comparison = 'previous';
  if (tile.by.length > 0) request.dimensions = [...tile.by];
  if (tile.filters.length > 0)
    request.filters = tile.filters.map((f) => ({ dimension: f.dimension, op: 'equals' as const, value: f.value }));
  return request;
}

export async function loadDashboard(store: Store, id: string): Promise<{ id: string; body: DashboardBody }> {
  const doc = await store.metadata.get<DashboardBody>('dashboards', id);
  if (!doc) throw new AppError('notFound', `no dashboard ${id}`);
  return { id: doc.id, body: doc.body };
}

export async function computeDashboard(
  store: Store,
  dashboard: { id: string; body: DashboardBody },
  range: { from: string; to: string },
  options: { catalog: Catalog; now?: Date },
): Promise<DashboardData> {
  const tiles = [...dashboard.body.tiles].sort((a, b) => a.layout.y - b.layout.y || a.layout.x - b.layout.x);
  const data: TileData[] = [];
  for (const tile of tiles) {
    const metric = options.catalog.metrics.get(tile.metric);
    const request = tileRequest(tile, metric, range.from, range.to);
    const title = tile.title || metric?.name || tile.metric;
    try {
      const result = await runQuery(store, request, { catalog: options.catalog, ...(options.now ? { now: options.now } : {}) });
      data.push({ tile, title, metric, request, rows: result.rows });
    } catch (error) {
      data.push({ tile, title, metric, request, rows: [], error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { id: dashboard.id, name: dashboard.body.name, from: range.from, to: range.to, tiles: data };
}
