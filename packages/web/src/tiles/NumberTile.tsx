import { useCatalog } from '../api/hooks.ts';
import { KpiCard } from './KpiCard.tsx';
import type { TileProps } from './tile-props.ts';
import { useShareSource } from './tile-source.ts';
import { useKpiQueries } from './use-kpi-queries.ts';
import { useTileData } from './use-tile-data.ts';

/** One KPI card for a custom dashboard tile (its own filters on top of the view's). */
export function NumberTile(props: TileProps) {
  return useShareSource() ? <SharedNumberTile {...props} /> : <LiveNumberTile {...props} />;
}

function LiveNumberTile({ spec, actions }: TileProps) {
  const { kpis, view, retry } = useKpiQueries(spec.metrics.slice(0, 1), spec.filters);
  const catalogLoaded = useCatalog().data !== undefined;
  const kpi = kpis[0];
  if (!kpi) return null;
  return <KpiCard kpi={kpi} view={view} catalogLoaded={catalogLoaded} onRetry={retry} title={spec.title} actions={actions} />;
}

/** Under a share link: the link's tile query (total with its comparison), no sparkline. */
function SharedNumberTile({ spec, actions }: TileProps) {
  const data = useTileData(spec);
  const id = spec.metrics[0] ?? '';
  const kpi = {
    id,
    info: undefined,
    total: data.rows[0],
    series: undefined,
    request: data.request,
    skippedFilters: [],
    error: data.error,
    busy: data.busy,
  };
  const view = { ...data.view, compare: 'previous' as const, ...(data.request ? { from: data.request.from, to: data.request.to } : {}) };
  return <KpiCard kpi={kpi} view={view} catalogLoaded={false} onRetry={data.retry} title={spec.title} actions={actions} />;
}
