import { useMemo } from 'react';
import { useFormat } from '../format/use-format.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { renderTablePng } from '../lib/table-png.ts';
import { PALETTE } from '../theme/palette.ts';
import { useTheme } from '../theme/use-theme.ts';
import { CohortTable } from './CohortTable.tsx';
import { DataTable } from './DataTable.tsx';
import { TileFrame } from './TileFrame.tsx';
import { tableColumns } from './table-columns.ts';
import type { TileProps } from './tile-props.ts';
import { useTileData } from './use-tile-data.ts';
import { useTileTexts } from './use-tile-texts.ts';

/** A table KPI (its own columns) or KPIs by dimensions with the comparison beside them. */
export function TableTile({ spec, actions }: TileProps) {
  const data = useTileData(spec);
  const texts = useTileTexts(spec, data);
  const { dir, t, metricName, dimensionName } = useI18n();
  const fmt = useFormat();
  const { theme } = useTheme();
  const columns = useMemo(
    () => tableColumns(data.rows, data.catalog, ['period', ...(spec.by ?? []), ...spec.metrics.flatMap((m) => [m, `${m}_previous`])]),
    [data.rows, data.catalog, spec.by, spec.metrics],
  );
  const png = () =>
    renderTablePng({
      title: texts.title,
      header: columns.map((c) =>
        c.metric ? `${metricName(c.metric)}${c.previous ? ` (${t('tile.previous')})` : ''}` : dimensionName(c.key),
      ),
      rows: data.rows
        .slice(0, 30)
        .map((row) => columns.map((c) => (c.unit ? fmt.format(row[c.key], c.unit, c.key) : String(row[c.key] ?? '—')))),
      dir,
      colors: PALETTE[theme],
    });
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
      csv={() => ({ columns: columns.map((c) => c.key), rows: data.rows })}
      png={png}
    >
      {spec.metrics[0] === 'cohort_retention' ? (
        <CohortTable rows={data.rows} />
      ) : (
        <DataTable rows={data.rows} columns={columns} caption={texts.title} />
      )}
    </TileFrame>
  );
}
