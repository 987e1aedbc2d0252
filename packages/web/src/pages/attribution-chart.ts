import type { AttributionResult, Row, Unit } from '../api/types.ts';
import type { ChartOption } from '../charts/echarts-setup.ts';
import { type FormatContext, formatCompact, formatValue } from '../format/format-value.ts';
import { escapeHtml } from '../tiles/chart-options.ts';

/** One row per key (channel …), one column per model, ordered by the first model's credit. */
export function pivotAttribution(results: readonly AttributionResult[], by: string, measure: 'conversions' | 'value'): Row[] {
  const byKey = new Map<string, Row>();
  for (const result of results) {
    for (const row of result.rows) {
      const entry = byKey.get(row.key) ?? { [by]: row.key };
      entry[result.model] = row[measure];
      byKey.set(row.key, entry);
    }
  }
  const first = results[0]?.model ?? '';
  return [...byKey.values()].sort((a, b) => Number(b[first] ?? 0) - Number(a[first] ?? 0));
}

interface Input {
  rows: readonly Row[];
  by: string;
  models: readonly string[];
  modelNames: Record<string, string>;
  unit: Unit;
  format: FormatContext;
  rtl: boolean;
}

export function attributionChartOption({ rows, by, models, modelNames, unit, format, rtl }: Input): ChartOption {
  const keys = rows.map((r) => String(r[by]));
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: Array<{ seriesName: string; value: number; marker: string; name: string }>) =>
        [
          escapeHtml(ps[0]?.name ?? ''),
          ...ps.map((p) => `${p.marker}${escapeHtml(p.seriesName)}: <b>${formatValue(p.value, unit, format)}</b>`),
        ].join('<br/>'),
    },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
    xAxis: {
      type: 'category',
      data: keys,
      inverse: rtl,
      axisLabel: { interval: 0, rotate: keys.length > 5 ? 30 : 0, width: 120, overflow: 'truncate' },
    },
    yAxis: { type: 'value', position: rtl ? 'right' : 'left', axisLabel: { formatter: (v: number) => formatCompact(v, unit, format) } },
    series: models.map((model) => ({ name: modelNames[model] ?? model, type: 'bar', data: rows.map((r) => r[model] ?? null) })),
  };
}
