import { ControlsBar } from '../components/ControlsBar.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { TileGrid } from '../components/TileGrid.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { InsightList } from '../insights/InsightList.tsx';
import { KpiGrid } from '../tiles/KpiGrid.tsx';
import { LtvCacWarning } from './LtvCacWarning.tsx';
import type { PageSpec } from './page-specs.ts';

/** A KPI area: controls, headline cards, then the area's tiles. */
export function KpiPage({ page, name }: { page: PageSpec; name: string }) {
  const { t } = useI18n();
  return (
    <div className="page" data-page={name}>
      <PageHeader title={t(page.title)} />
      <ControlsBar />
      {page.ltvCacWarning && <LtvCacWarning />}
      {page.insights && <InsightList />}
      {page.kpis.length > 0 && <KpiGrid metrics={page.kpis} label={t('section.headline')} />}
      <TileGrid tiles={page.tiles} />
    </div>
  );
}
