import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useCatalog } from '../api/hooks.ts';
import { runQuery } from '../api/query-batch.ts';
import type { MetricInfo, QueryFilter, QueryRequest, Row } from '../api/types.ts';
import { useViewState } from '../state/use-view-state.ts';
import type { ViewState } from '../state/view-state.ts';
import { buildTileRequest, sparklineRequest } from './build-request.ts';

const NO_FILTERS: readonly QueryFilter[] = [];

export interface KpiData {
  id: string;
  info: MetricInfo | undefined;
  total: Row | undefined;
  series: Row[] | undefined;
  request: QueryRequest | undefined;
  skippedFilters: string[];
  error: Error | null;
  busy: boolean;
}

/**
 * Totals (with comparison) and sparkline series of several KPIs, batched: metrics whose filters
 * apply alike share one request of each kind.
 */
export function useKpiQueries(
  metrics: readonly string[],
  extraFilters: readonly QueryFilter[] = NO_FILTERS,
): { kpis: KpiData[]; view: ViewState; catalogError: Error | null; retry(): void } {
  const [view] = useViewState();
  const catalogQuery = useCatalog();
  const catalog = useMemo(() => new Map((catalogQuery.data ?? []).map((m) => [m.id, m])), [catalogQuery.data]);
  const groups = useMemo(() => {
    if (!catalogQuery.data) return [];
    const byKey = new Map<string, { metrics: string[]; request: QueryRequest; skipped: string[] }>();
    for (const id of metrics) {
      if (!catalog.has(id)) continue;
      const { request, skippedFilters } = buildTileRequest(
        { key: id, metrics: [id], viz: 'number', filters: [...extraFilters] },
        view,
        catalog,
      );
      const key = JSON.stringify(request.filters ?? []);
      const group = byKey.get(key);
      if (group) group.metrics.push(id);
      else byKey.set(key, { metrics: [id], request, skipped: skippedFilters });
    }
    return [...byKey.values()].map((g) => ({ ...g, request: { ...g.request, metrics: g.metrics } }));
  }, [metrics, extraFilters, view, catalog, catalogQuery.data]);

  const totals = useQueries({
    queries: groups.map((g) => ({
      queryKey: ['query', g.request],
      queryFn: ({ signal }: { signal: AbortSignal }) => runQuery(g.request, signal),
    })),
  });
  const series = useQueries({
    queries: groups.map((g) => {
      const request = sparklineRequest(g.request, view);
      return { queryKey: ['query', request], queryFn: ({ signal }: { signal: AbortSignal }) => runQuery(request, signal) };
    }),
  });

  const kpis = metrics.map((id): KpiData => {
    const index = groups.findIndex((g) => g.metrics.includes(id));
    const group = groups[index];
    const total = totals[index];
    const spark = series[index];
    return {
      id,
      info: catalog.get(id),
      total: total?.data?.rows[0],
      series: spark?.data?.rows,
      request: group?.request,
      skippedFilters: group?.skipped ?? [],
      error: (total?.error as Error | null) ?? null,
      busy: Boolean(total?.isFetching || spark?.isFetching),
    };
  });
  return {
    kpis,
    view,
    catalogError: catalogQuery.error,
    retry: () => {
      void catalogQuery.refetch();
      for (const q of [...totals, ...series]) void q.refetch();
    },
  };
}
