import { useCatalog } from '../api/hooks.ts';
import { useGoals } from '../goals/use-goals.ts';
import { KpiCard } from './KpiCard.tsx';
import { useShareSource } from './tile-source.ts';
import { useKpiQueries } from './use-kpi-queries.ts';

/** A row of KPI cards sharing batched queries. */
export function KpiGrid({ metrics, label }: { metrics: readonly string[]; label?: string }) {
  const { kpis, view, retry } = useKpiQueries(metrics);
  const catalogLoaded = useCatalog().data !== undefined;
  // The cards' goals are asked for beside their figures, not once the figures have arrived.
  useGoals(useShareSource() === null);
  return (
    <section className="kpi-grid" aria-label={label}>
      {kpis.map((kpi) => (
        <KpiCard key={kpi.id} kpi={kpi} view={view} catalogLoaded={catalogLoaded} onRetry={retry} />
      ))}
    </section>
  );
}
