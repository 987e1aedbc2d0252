import { useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useAttribution } from '../api/hooks.ts';
import { type ChartHandle, EChart } from '../charts/EChart.tsx';
import { ControlsBar } from '../components/ControlsBar.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useFormat } from '../format/use-format.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { useViewState } from '../state/use-view-state.ts';
import { DataTable } from '../tiles/DataTable.tsx';
import { TileFrame } from '../tiles/TileFrame.tsx';
import type { Column } from '../tiles/table-columns.ts';
import type { TileStatus } from '../tiles/use-tile-data.ts';
import { AttributionControls } from './AttributionControls.tsx';
import { attributionChartOption, pivotAttribution } from './attribution-chart.ts';
import { parseAttributionView } from './attribution-state.ts';

/** Attribution models side by side per channel, source, campaign or landing page. */
export function AttributionPage() {
  const { t, dir } = useI18n();
  const fmt = useFormat();
  const [view] = useViewState();
  const [params] = useSearchParams();
  const attribution = parseAttributionView(params);
  const chart = useRef<ChartHandle>(null);
  const query = useAttribution({ ...attribution, from: view.from, to: view.to });
  const useValue = attribution.conversion === 'deal';
  const unit = useValue ? 'money' : 'count';
  const rows = useMemo(
    () => pivotAttribution(query.data ?? [], attribution.by, useValue ? 'value' : 'conversions'),
    [query.data, attribution.by, useValue],
  );
  const modelNames = useMemo(() => Object.fromEntries(attribution.models.map((m) => [m, t(`model.${m}`)])), [attribution.models, t]);
  const option = useMemo(
    () =>
      attributionChartOption({ rows, by: attribution.by, models: attribution.models, modelNames, unit, format: fmt, rtl: dir === 'rtl' }),
    [rows, attribution.by, attribution.models, modelNames, unit, fmt, dir],
  );

  const error = query.error;
  const missingRoute = error instanceof ApiError && error.isMissingRoute;
  let status: TileStatus;
  if (attribution.models.length === 0) status = 'empty';
  else if (error && !query.data) status = 'error';
  else if (!query.data) status = 'loading';
  else status = rows.length === 0 ? 'empty' : 'ready';
  const columns: Column[] = [
    { key: attribution.by, unit: null, metric: null, previous: false },
    ...attribution.models.map((m): Column => ({ key: m, unit, metric: null, previous: false })),
  ];
  const title = `${t('attribution.compare')} · ${useValue ? t('attribution.value') : t('attribution.conversions')}`;
  return (
    <div className="page" data-page="attribution">
      <PageHeader title={t('nav.attribution')} />
      <ControlsBar filters={false} />
      <AttributionControls view={attribution} />
      {attribution.models.length === 0 && <p className="banner">{t('attribution.pickOne')}</p>}
      <TileFrame
        testId="tile-attribution"
        title={title}
        status={status}
        busy={query.isFetching}
        error={missingRoute ? new Error(t('attribution.unavailable')) : error}
        onRetry={() => void query.refetch()}
        metric="attributed_revenue"
        csv={() => ({ columns: columns.map((c) => c.key), rows })}
        png={() => chart.current?.toPng()}
      >
        <EChart ref={chart} option={option} label={title} height={320} />
        <h4 className="subheading">{t('attribution.table')}</h4>
        <DataTable rows={rows} columns={columns} caption={t('attribution.table')} labels={modelNames} />
      </TileFrame>
    </div>
  );
}
