import type { ReactNode } from 'react';
import { Sparkline } from '../charts/Sparkline.tsx';
import { computeChange, formatChange } from '../format/format-value.ts';
import { useFormat } from '../format/use-format.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { renderTablePng } from '../lib/table-png.ts';
import type { ViewState } from '../state/view-state.ts';
import { PALETTE } from '../theme/palette.ts';
import { useTheme } from '../theme/use-theme.ts';
import { KpiGoal } from './KpiGoal.tsx';
import { TileFrame } from './TileFrame.tsx';
import type { KpiData } from './use-kpi-queries.ts';
import type { TileStatus } from './use-tile-data.ts';

interface Props {
  kpi: KpiData;
  view: ViewState;
  catalogLoaded: boolean;
  onRetry(): void;
  title?: string;
  actions?: ReactNode;
}

/** A headline KPI: value by unit, change vs the comparison coloured by the KPI's direction, sparkline. */
export function KpiCard({ kpi, view, catalogLoaded, onRetry, title, actions }: Props) {
  const { t, metricName, dir } = useI18n();
  const fmt = useFormat();
  const { theme } = useTheme();
  const { id, info } = kpi;
  const name = title ?? metricName(id, info?.name);
  const unit = info?.unit ?? 'number';
  const value = kpi.total?.[id];
  const previous = kpi.total?.[`${id}_previous`];
  const change = computeChange(value, previous, info?.direction ?? 'none');
  const missing = catalogLoaded && !info;
  let status: TileStatus;
  if (missing || (kpi.error && !kpi.total)) status = 'error';
  else if (!kpi.total && kpi.request) status = 'loading';
  else if (!kpi.total) status = catalogLoaded ? 'empty' : 'loading';
  else status = value === null || value === undefined ? 'empty' : 'ready';
  const error = missing ? new Error(t('tile.metricMissing', { metric: id })) : kpi.error;
  const warn = id === 'ltv_cac_ratio' && typeof value === 'number' && value < 1;
  const comparing = view.compare !== 'none';
  const shown = fmt.format(value, unit, id);
  const changeText = change.relative === null ? t('tile.noComparison') : formatChange(change.relative, fmt.locale);
  const against = view.compare === 'year' ? t('tile.vsYear') : t('tile.vsPrevious');
  const sparkValues = (kpi.series ?? [])
    .slice()
    .sort((a, b) => String(a.period).localeCompare(String(b.period)))
    .map((r) => (typeof r[id] === 'number' ? (r[id] as number) : null));

  return (
    <TileFrame
      testId={`kpi-${id}`}
      className={`kpi-card${warn ? ' kpi-warning' : ''}`}
      title={name}
      description={info?.description}
      status={status}
      busy={kpi.busy}
      error={error}
      onRetry={onRetry}
      metric={id}
      actions={actions}
      csv={() => ({
        columns: ['metric', 'from', 'to', 'value', ...(comparing ? ['previous'] : [])],
        rows: [{ metric: id, from: view.from, to: view.to, value: value ?? null, previous: previous ?? null }],
      })}
      png={() =>
        renderTablePng({
          title: name,
          header: [t('tile.current'), ...(comparing ? [t('tile.comparison'), t('tile.change')] : [])],
          rows: [[shown, ...(comparing ? [fmt.format(previous, unit, id), changeText] : [])]],
          dir,
          colors: PALETTE[theme],
        })
      }
    >
      <p className="kpi-value" data-testid={`kpi-value-${id}`} data-value={typeof value === 'number' ? value : ''}>
        {shown}
      </p>
      {comparing && (
        <p className={`kpi-change tone-${change.tone}`} data-testid={`kpi-change-${id}`}>
          <span dir="ltr">{changeText}</span> <span className="muted">{change.relative === null ? '' : against}</span>
        </p>
      )}
      <Sparkline values={sparkValues} tone={change.tone} />
      <KpiGoal metric={id} view={view} />
      {warn && (
        <p className="kpi-alert" role="alert">
          {t('warning.ltvCac')}
        </p>
      )}
    </TileFrame>
  );
}
