import { useMemo, useRef } from 'react';
import { type ChartHandle, EChart } from '../charts/EChart.tsx';
import { useFormat } from '../format/use-format.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { timeSeriesOption } from './chart-options.ts';
import { TileFrame } from './TileFrame.tsx';
import type { TileProps } from './tile-props.ts';
import { useTileData } from './use-tile-data.ts';
import { useTileTexts } from './use-tile-texts.ts';

/** KPIs over time at the view's grain; with a breakdown, one line per value. */
export function LineTile({ spec, actions, height }: TileProps) {
  const data = useTileData(spec);
  const { t, dir } = useI18n();
  const fmt = useFormat();
  const texts = useTileTexts(spec, data);
  const chart = useRef<ChartHandle>(null);
  const by = spec.by?.[0];
  const option = useMemo(
    () =>
      timeSeriesOption({
        rows: data.rows,
        metrics: texts.metrics,
        by,
        top: spec.top,
        otherLabel: t('tile.other'),
        grain: data.request?.grain ?? 'day',
        format: fmt,
        rtl: dir === 'rtl',
      }),
    [data.rows, texts.metrics, by, spec.top, t, data.request?.grain, fmt, dir],
  );
  const columns = ['period', ...(spec.by ?? []), ...spec.metrics];
  return (
    <TileFrame
      testId={`tile-${spec.key}`}
      title={texts.title}
      description={texts.description}
      status={data.status}
      busy={data.busy}
      error={data.error}
      onRetry={data.retry}
      metric={spec.metrics[0] ?? ''}
      notice={texts.notice}
      actions={actions}
      csv={() => ({ columns, rows: data.rows })}
      png={() => chart.current?.toPng()}
    >
      <EChart ref={chart} option={option} label={texts.title} height={height ?? 260} />
    </TileFrame>
  );
}
