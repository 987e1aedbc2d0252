import { useMemo, useRef } from 'react';
import { type ChartHandle, EChart } from '../charts/EChart.tsx';
import { useFormat } from '../format/use-format.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { barOption } from './chart-options.ts';
import { TileFrame } from './TileFrame.tsx';
import type { TileProps } from './tile-props.ts';
import { useTileData } from './use-tile-data.ts';
import { useTileTexts } from './use-tile-texts.ts';

/** A KPI by a dimension over the whole range, with the comparison period's bars beside. */
export function BarTile({ spec, actions, height }: TileProps) {
  const data = useTileData(spec);
  const { t, dir } = useI18n();
  const fmt = useFormat();
  const texts = useTileTexts(spec, data);
  const chart = useRef<ChartHandle>(null);
  const metric = texts.metrics[0] ?? { id: '', name: '', unit: 'number' as const };
  const by = spec.by?.[0] ?? '';
  const compare = data.request?.compare;
  const option = useMemo(
    () =>
      barOption({
        rows: data.rows,
        metric,
        by,
        currentLabel: t('tile.current'),
        previousLabel: compare === 'year' ? t('compare.year') : compare === 'previous' ? t('compare.previous') : undefined,
        format: fmt,
        rtl: dir === 'rtl',
        limit: spec.limit,
        rankBy: spec.rankBy,
      }),
    [data.rows, metric, by, compare, t, fmt, dir, spec.limit, spec.rankBy],
  );
  const rowCount = Math.min(data.rows.length, spec.limit ?? 12);
  const columns = [by, metric.id, ...(compare ? [`${metric.id}_previous`] : []), ...(spec.rankBy ? [spec.rankBy] : [])];
  return (
    <TileFrame
      testId={`tile-${spec.key}`}
      title={texts.title}
      description={texts.description}
      status={data.status}
      busy={data.busy}
      error={data.error}
      onRetry={data.retry}
      metric={metric.id}
      notice={texts.notice}
      actions={actions}
      csv={() => ({ columns, rows: data.rows })}
      png={() => chart.current?.toPng()}
    >
      <EChart ref={chart} option={option} label={texts.title} height={height ?? Math.max(160, 40 + rowCount * (compare ? 30 : 24))} />
    </TileFrame>
  );
}
