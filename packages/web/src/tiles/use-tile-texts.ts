import { useMemo } from 'react';
import type { Unit } from '../api/types.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import type { TileSpec } from './tile-spec.ts';
import type { TileData } from './use-tile-data.ts';

export interface TileTexts {
  title: string;
  description: string;
  metrics: Array<{ id: string; name: string; unit: Unit }>;
  notice: string | undefined;
}

/** The tile's title (its own, else its KPIs' names and breakdown), and a note on filters left out. */
export function useTileTexts(spec: TileSpec, data: TileData): TileTexts {
  const { t, metricName, dimensionName } = useI18n();
  // The same array while nothing it is made of changes: charts redraw when their option changes.
  const metrics = useMemo(
    () =>
      spec.metrics.map((id) => {
        const info = data.catalog.get(id);
        return { id, name: metricName(id, info?.name), unit: info?.unit ?? ('number' as Unit) };
      }),
    [spec.metrics, data.catalog, metricName],
  );
  const names = metrics.map((m) => m.name).join(', ');
  const by = spec.by?.length ? ` · ${spec.by.map(dimensionName).join(', ')}` : '';
  return {
    title: spec.title ?? `${names}${by}`,
    description: data.infos.map((m) => m.description).join('\n'),
    metrics,
    notice:
      data.skippedFilters.length > 0 ? t('controls.notApplied', { names: data.skippedFilters.map(dimensionName).join(', ') }) : undefined,
  };
}
