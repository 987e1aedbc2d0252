import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchAttribution, fetchCatalog, fetchHealth, getDashboard, listDashboards } from './client.ts';
import { runQuery } from './query-batch.ts';
import type { AttributionRequest, MetricInfo, QueryRequest } from './types.ts';

export function useHealth() {
  return useQuery({ queryKey: ['health'], queryFn: ({ signal }) => fetchHealth(signal), staleTime: 5 * 60_000 });
}

export function useCatalog(enabled = true) {
  return useQuery({
    queryKey: ['catalog'],
    queryFn: ({ signal }) => fetchCatalog(signal),
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
}

/** The catalog as a map by id; empty while it loads. */
export function useMetricMap(): ReadonlyMap<string, MetricInfo> {
  const { data } = useCatalog();
  return data ? new Map(data.map((m) => [m.id, m])) : EMPTY;
}
const EMPTY: ReadonlyMap<string, MetricInfo> = new Map();

export function useMetricQuery(request: QueryRequest | undefined) {
  return useQuery({
    queryKey: ['query', request],
    queryFn: ({ signal }) => runQuery(request as QueryRequest, signal),
    enabled: request !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useAttribution(request: AttributionRequest) {
  return useQuery({
    queryKey: ['attribution', request],
    queryFn: ({ signal }) => fetchAttribution(request, signal),
    enabled: request.models.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useDashboards() {
  return useQuery({ queryKey: ['dashboards'], queryFn: ({ signal }) => listDashboards(signal) });
}

export function useDashboard(id: string | undefined) {
  return useQuery({
    queryKey: ['dashboards', id],
    queryFn: ({ signal }) => getDashboard(id as string, signal),
    enabled: id !== undefined,
  });
}
