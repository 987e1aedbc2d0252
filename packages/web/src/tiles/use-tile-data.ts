import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ApiError } from '../api/client.ts';
import { useCatalog, useMetricQuery } from '../api/hooks.ts';
import { querySharedTile } from '../api/share.ts';
import type { MetricInfo, QueryRequest, Row } from '../api/types.ts';
import { useViewState } from '../state/use-view-state.ts';
import type { ViewState } from '../state/view-state.ts';
import { buildTileRequest } from './build-request.ts';
import { type ShareTileSource, useShareSource } from './tile-source.ts';
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
  const share = useShareSource();
  const catalogQuery = useCatalog(share === null);
  const catalog = useMemo(() => new Map((catalogQuery.data ?? []).map((m) => [m.id, m])), [catalogQuery.data]);
  const built = useMemo(
    () => (catalogQuery.data && !share ? buildTileRequest(spec, view, catalog) : undefined),
    [spec, view, catalog, catalogQuery.data, share],
  );
  const apiQuery = useMetricQuery(built?.request);
  const shareQuery = useSharedTileQuery(share, spec.key);
  const query = share ? shareQuery : apiQuery;
  const infos = spec.metrics.map((id) => catalog.get(id)).filter((m): m is MetricInfo => m !== undefined);
  const rows = query.data?.rows ?? [];
  const error = (catalogQuery.error as ApiError | null) ?? (query.error as ApiError | null);
  // Under a share link there is no catalog: a table is a result without the metric's own column.
  const tables = share ? rows.length > 0 && spec.metrics.every((m) => !(m in (rows[0] ?? {}))) : infos.some((m) => m.kind === 'table');
  let status: TileStatus;
  if (error && !query.data) status = 'error';
  else if (!query.data) status = 'loading';
  else status = isEmptyResult(rows, spec.metrics, tables) ? 'empty' : 'ready';
  return {
    status,
    busy: query.isFetching || catalogQuery.isFetching,
    rows,
    request: share ? sharedRequest(spec, shareQuery.data?.range) : built?.request,
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

function useSharedTileQuery(share: ShareTileSource | null, tile: string) {
  return useQuery({
    queryKey: ['share', share?.token, tile, share?.range],
    queryFn: ({ signal }) => querySharedTile((share as ShareTileSource).token, tile, share?.range, signal),
    enabled: share !== null,
    placeholderData: keepPreviousData,
  });
}

/** What the server ran for a shared tile, as far as the charts need it (grain of lines, comparison of bars). */
function sharedRequest(spec: TileSpec, range: { from: string; to: string } | undefined): QueryRequest | undefined {
  if (!range) return undefined;
  const request: QueryRequest = { metrics: spec.metrics, from: range.from, to: range.to };
  if (spec.viz !== 'line') request.compare = 'previous';
  return request;
}
