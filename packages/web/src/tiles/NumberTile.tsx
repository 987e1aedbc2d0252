import { useCatalog } from '../api/hooks.ts';
import { KpiCard } from './KpiCard.tsx';
import type { TileProps } from './tile-props.ts';
import { useKpiQueries } from './use-kpi-queries.ts';

/** One KPI card for a custom dashboard tile (its own filters on top of the view's). */
export function NumberTile({ spec, actions }: TileProps) {
  const { kpis, view, retry } = useKpiQueries(spec.metrics.slice(0, 1), spec.filters);
  const catalogLoaded = useCatalog().data !== undefined;
  const kpi = kpis[0];
  if (!kpi) return null;
  return <KpiCard kpi={kpi} view={view} catalogLoaded={catalogLoaded} onRetry={retry} title={spec.title} actions={actions} />;
}
