import { useMemo, useRef } from 'react';
import type { Row } from '../api/types.ts';
import { type ChartHandle, EChart } from '../charts/EChart.tsx';
import { formatValue } from '../format/format-value.ts';
import { useFormat } from '../format/use-format.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { funnelOption } from './chart-options.ts';
import { TileFrame } from './TileFrame.tsx';
import type { TileProps } from './tile-props.ts';
import { useTileData } from './use-tile-data.ts';
import { useTileTexts } from './use-tile-texts.ts';

function funnelStages(rows: readonly Row[], metrics: ReadonlyArray<{ id: string; name: string }>, by: string | undefined) {
  const value = (row: Row | undefined, id: string) => (typeof row?.[id] === 'number' ? (row[id] as number) : 0);
  const first = metrics[0];
  if (by && first) {
    return rows
      .map((row) => ({ id: String(row[by] ?? '(none)'), name: String(row[by] ?? '(none)'), value: value(row, first.id) }))
      .sort((a, b) => b.value - a.value)
      .slice(0, 8);
  }
  return metrics.map((m) => ({ id: m.id, name: m.name, value: value(rows[0], m.id) }));
}

/** Stage counts as a funnel (one metric per stage, or one metric by a dimension), with each stage's rate of the one before. */
export function FunnelTile({ spec, actions, height }: TileProps) {
  const data = useTileData(spec);
  const { t, dir } = useI18n();
  const fmt = useFormat();
  const texts = useTileTexts(spec, data);
  const chart = useRef<ChartHandle>(null);
  const by = spec.by?.[0];
  const stages = useMemo(() => funnelStages(data.rows, texts.metrics, by), [data.rows, texts.metrics, by]);
  const option = useMemo(() => funnelOption(stages, fmt, dir === 'rtl'), [stages, fmt, dir]);
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
      csv={() => ({ columns: ['stage', 'value'], rows: stages.map((s) => ({ stage: s.id, value: s.value })) })}
      png={() => chart.current?.toPng()}
    >
      <div className="funnel">
        <EChart ref={chart} option={option} label={texts.title} height={height ?? 260} />
        {stages.length > 1 && !by && (
          <ol className="funnel-steps">
            {stages.map((stage, i) => {
              const before = stages[i - 1]?.value;
              return (
                <li key={stage.id} data-stage={stage.id}>
                  <span>{stage.name}</span> <strong>{formatValue(stage.value, 'count', fmt)}</strong>
                  {before ? (
                    <span className="muted"> · {t('tile.stageRate', { rate: formatValue(stage.value / before, 'rate', fmt) })}</span>
                  ) : null}
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </TileFrame>
  );
}
