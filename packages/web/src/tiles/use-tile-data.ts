import { useMemo } from 'react';
import type { ApiError } from '../api/client.ts';
import { useCatalog, useMetricQuery } from '../api/hooks.ts';
import type { MetricInfo, QueryRequest, Row } from '../api/types.ts';
import { useViewState } from '../state/use-view-state.ts';
import type { ViewState } from '../state/view-state.ts';
import { buildTileRequest } from './build-request.ts';
import type { TileSpec } from './tile-spec.ts';

export type TileStatus = 'loading' | 'error' | 'empty' | 'ready';

export interface TileData {
  status: TileStatus;
  busy: boolean;
  rows: Row[];
  request: QueryRequest | undefined;
  view: ViewState;
  infos: MetricInfo[];
  catalog: ReadonlyMap<string, MetricInfo>;
  skippedFilters: string[];
  error: Error | null;
  retry(): void;
}

/** True when no row holds a value for any of the metrics. */
export function isEmptyResult(rows: readonly Row[], metrics: readonly string[], tables: boolean): boolean {
  if (rows.length === 0) return true;
  if (tables) return false;
  return rows.every((row) => metrics.every((m) => row[m] === null || row[m] === undefined));
}

export function useTileData(spec: TileSpec): TileData {
  const [view] = useViewState();
  const catalogQuery = useCatalog();
  const catalog = useMemo(() => new Map((catalogQuery.data ?? []).map((m) => [m.id, m])), [catalogQuery.data]);
  const built = useMemo(
    () => (catalogQuery.data ? buildTileRequest(spec, view, catalog) : undefined),
    [spec, view, catalog, catalogQuery.data],
  );
  const query = useMetricQuery(built?.request);
  const infos = spec.metrics.map((id) => catalog.get(id)).filter((m): m is MetricInfo => m !== undefined);
  const rows = query.data?.rows ?? [];
  const error = (catalogQuery.error as ApiError | null) ?? (query.error as ApiError | null);
  const tables = infos.some((m) => m.kind === 'table');
  let status: TileStatus;
  if (error && !query.data) status = 'error';
  else if (!query.data) status = 'loading';
  else status = isEmptyResult(rows, spec.metrics, tables) ? 'empty' : 'ready';
  return {
    status,
    busy: query.isFetching || catalogQuery.isFetching,
    rows,
    request: built?.request,
    view,
    infos,
    catalog,
    skippedFilters: built?.skippedFilters ?? [],
    error,
    retry: () => {
      void catalogQuery.refetch();
      void query.refetch();
    },
  };
}
