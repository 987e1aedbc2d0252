/** ECharts options built from query rows: pure functions of the data and the labels. */
import type { Row, Unit } from '../api/types.ts';
import type { ChartOption } from '../charts/echarts-setup.ts';
import { type FormatContext, formatCompact, formatPeriod, formatValue } from '../format/format-value.ts';

export interface SeriesInput {
  rows: readonly Row[];
  metrics: ReadonlyArray<{ id: string; name: string; unit: Unit }>;
  /** A breakdown dimension: one line per value (the top `top` by total, the rest summed as `otherLabel`). */
  by?: string;
  top?: number;
  otherLabel: string;
  grain: string;
  format: FormatContext;
  rtl: boolean;
}

interface Series {
  name: string;
  metric: string;
  unit: Unit;
  values: Map<string, number | null>;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** One series per metric, or per metric × breakdown value. */
export function buildSeries(input: SeriesInput): { periods: string[]; series: Series[] } {
  const periods = [...new Set(input.rows.map((r) => String(r.period ?? '')))].sort();
  const series: Series[] = [];
  for (const metric of input.metrics) {
    if (!input.by) {
      const values = new Map<string, number | null>();
      for (const row of input.rows) values.set(String(row.period ?? ''), num(row[metric.id]));
      series.push({ name: metric.name, metric: metric.id, unit: metric.unit, values });
      continue;
    }
    const by = input.by;
    const totals = new Map<string, number>();
    for (const row of input.rows) {
      const key = String(row[by] ?? '(none)');
      totals.set(key, (totals.get(key) ?? 0) + (num(row[metric.id]) ?? 0));
    }
    const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
    const top = new Set(ranked.slice(0, input.top ?? 6));
    const additive = metric.unit === 'count' || metric.unit === 'money';
    const byKey = new Map<string, Map<string, number | null>>();
    for (const row of input.rows) {
      const raw = String(row[by] ?? '(none)');
      const key = top.has(raw) ? raw : additive ? input.otherLabel : null;
      if (key === null) continue;
      const values = byKey.get(key) ?? new Map<string, number | null>();
      byKey.set(key, values);
      const period = String(row.period ?? '');
      const value = num(row[metric.id]);
      const before = values.get(period);
      values.set(period, key === input.otherLabel && before !== undefined && before !== null ? before + (value ?? 0) : value);
    }
    const order = [...ranked.filter((k) => top.has(k)), ...(byKey.has(input.otherLabel) ? [input.otherLabel] : [])];
    for (const key of order) {
      const values = byKey.get(key);
      if (values)
        series.push({ name: input.metrics.length > 1 ? `${metric.name} · ${key}` : key, metric: metric.id, unit: metric.unit, values });
    }
  }
  return { periods, series };
}

export function timeSeriesOption(input: SeriesInput): ChartOption {
  const { periods, series } = buildSeries(input);
  const units = [...new Set(series.map((s) => s.unit))];
  const axisUnits = units.slice(0, 2);
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: undefined,
      formatter: (params: Array<{ seriesIndex: number; dataIndex: number; marker: string; seriesName: string }>) => {
        const first = params[0];
        if (!first) return '';
        const lines = params.map((p) => {
          const s = series[p.seriesIndex];
          const value = s?.values.get(periods[p.dataIndex] ?? '') ?? null;
          return `${p.marker}${escapeHtml(p.seriesName)}: <b>${formatValue(value, s?.unit ?? 'number', input.format, s?.metric)}</b>`;
        });
        return [`${escapeHtml(formatPeriod(periods[first.dataIndex] ?? '', input.grain, input.format.locale))}`, ...lines].join('<br/>');
      },
    },
    legend: series.length > 1 ? { type: 'scroll', bottom: 0 } : undefined,
    grid: { left: 8, right: 16, top: 16, bottom: series.length > 1 ? 40 : 8, containLabel: true },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: periods.map((p) => formatPeriod(p, input.grain, input.format.locale)),
      inverse: input.rtl,
    },
    yAxis: axisUnits.map((unit, i) => ({
      type: 'value',
      position: (i === 0) !== input.rtl ? 'left' : 'right',
      splitLine: { show: i === 0 },
      axisLabel: { formatter: (v: number) => formatCompact(v, unit, input.format) },
    })),
    series: series.map((s) => ({
      name: s.name,
      type: 'line',
      // A breakdown value absent from a period had none of an additive KPI there: 0, not a gap.
      data: periods.map((p) => s.values.get(p) ?? (input.by && (s.unit === 'count' || s.unit === 'money') ? 0 : null)),
      showSymbol: periods.length < 40,
      smooth: false,
      connectNulls: false,
      yAxisIndex: Math.max(0, axisUnits.indexOf(s.unit)),
    })),
  };
}

export interface BarInput {
  rows: readonly Row[];
  metric: { id: string; name: string; unit: Unit };
  by: string;
  /** Label of the comparison bars, when the rows carry `<metric>_previous`. */
  previousLabel?: string;
  currentLabel: string;
  format: FormatContext;
  rtl: boolean;
  limit?: number;
  /** Ranks the bars by this column (a volume) instead of the metric. */
  rankBy?: string;
}

/** Horizontal bars of a metric by a dimension, largest first, with the comparison period beside it. */
export function barOption(input: BarInput): ChartOption {
  const id = input.metric.id;
  const rank = input.rankBy ?? id;
  // Breakdown values with no figure in either period are noise in a bar chart.
  const shown = input.rows.filter((r) => (num(r[id]) ?? 0) !== 0 || (num(r[`${id}_previous`]) ?? 0) !== 0);
  const sorted = shown.sort((a, b) => (num(b[rank]) ?? -Infinity) - (num(a[rank]) ?? -Infinity)).slice(0, input.limit ?? 12);
  const labels = sorted.map((r) => String(r[input.by] ?? '(none)'));
  const hasPrevious = input.previousLabel !== undefined && sorted.some((r) => num(r[`${id}_previous`]) !== null);
  const fmt = (v: number | null) => formatValue(v, input.metric.unit, input.format, id);
  const series = [
    { name: input.currentLabel, type: 'bar', data: sorted.map((r) => num(r[id])), barMaxWidth: 18 },
    ...(hasPrevious
      ? [
          {
            name: input.previousLabel,
            type: 'bar',
            data: sorted.map((r) => num(r[`${id}_previous`])),
            barMaxWidth: 18,
            itemStyle: { opacity: 0.45 },
          },
        ]
      : []),
  ];
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: Array<{ seriesName: string; value: number | null; marker: string; name: string }>) =>
        [escapeHtml(params[0]?.name ?? ''), ...params.map((p) => `${p.marker}${escapeHtml(p.seriesName)}: <b>${fmt(p.value)}</b>`)].join(
          '<br/>',
        ),
    },
    legend: hasPrevious ? { bottom: 0 } : undefined,
    grid: { left: 8, right: 24, top: 8, bottom: hasPrevious ? 32 : 8, containLabel: true },
    xAxis: {
      type: 'value',
      inverse: input.rtl,
      axisLabel: { formatter: (v: number) => formatCompact(v, input.metric.unit, input.format) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      position: input.rtl ? 'right' : 'left',
      data: labels,
      axisLabel: { width: 140, overflow: 'truncate' },
    },
    series,
  };
}

export function funnelOption(stages: ReadonlyArray<{ name: string; value: number }>, format: FormatContext, rtl: boolean): ChartOption {
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number }) => `${escapeHtml(p.name)}: <b>${formatValue(p.value, 'count', format)}</b>`,
    },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: rtl ? '38%' : '2%',
        width: '60%',
        top: 8,
        bottom: 8,
        minSize: '10%',
        gap: 2,
        label: {
          show: true,
          position: rtl ? 'left' : 'right',
          formatter: (p: { name: string; value: number }) => `${p.name}: ${formatValue(p.value, 'count', format)}`,
        },
        labelLine: { show: true },
        data: stages.map((s) => ({ name: s.name, value: s.value })),
      },
    ],
  };
}

/** Labels come from visitors' data (UTM values, URLs): escaped before they reach tooltip HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
