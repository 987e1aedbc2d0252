/**
 * A dashboard as a printable HTML page: each tile in grid order — number tiles as a value with its
 * change vs the previous period, line tiles as a chart (and their values when they fit), bar tiles
 * as ranked bars, tables as tables. Every value from user data is HTML-escaped; the page loads
 * nothing and runs no script.
 */
import { bucketsOf, type Catalog, formatDay, parseDay, type ResultRow, type Unit } from '@northstar/core';
import type { DashboardData, TileData } from './dashboard-data.ts';
import { escapeHtml } from './escape-html.ts';
import { formatValue } from './format-value.ts';
import { REPORT_CSS } from './report-style.ts';
import { lineChartSvg } from './svg-chart.ts';

export interface ReportContext {
  workspace: string;
  currency: string;
  catalog: Catalog;
  generatedAt: Date;
}

const MAX_TABLE_ROWS = 25;
const MAX_BARS = 15;
const MAX_LINES = 5;

/** The unit of a result column: the tile's KPI, its `_previous`, or a table KPI's column metric. */
function unitOf(tile: TileData, catalog: Catalog, column: string): Unit | undefined {
  const metric = tile.metric;
  if (!metric) return undefined;
  if (metric.kind === 'table') {
    const col = metric.columns.find((c) => c.name === column);
    return col ? catalog.metrics.get(col.metric)?.unit : undefined;
  }
  if (column === metric.id || column === `${metric.id}_previous`) return metric.unit;
  return undefined;
}

function cell(tile: TileData, ctx: ReportContext, column: string, value: unknown): string {
  return escapeHtml(formatValue(value, unitOf(tile, ctx.catalog, column), ctx.currency));
}

function change(value: unknown, previous: unknown, direction: string | undefined): string {
  if (typeof value !== 'number' || typeof previous !== 'number' || previous === 0) return '';
  const delta = (value - previous) / Math.abs(previous);
  const good = direction === 'none' || delta === 0 ? null : delta > 0 === (direction === 'up');
  const cls = good === null ? 'flat' : good ? 'good' : 'bad';
  return `<span class="delta ${cls}">${delta > 0 ? '▲' : delta < 0 ? '▼' : '■'} ${escapeHtml(`${(delta * 100).toFixed(1)}%`)}</span>`;
}

function table(tile: TileData, ctx: ReportContext, rows: readonly ResultRow[]): string {
  if (rows.length === 0) return '<p class="empty">No data in this period.</p>';
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows
    .slice(0, MAX_TABLE_ROWS)
    .map((r) => `<tr>${columns.map((c) => `<td>${cell(tile, ctx, c, r[c])}</td>`).join('')}</tr>`)
    .join('');
  const more = rows.length > MAX_TABLE_ROWS ? `<p class="more">… ${rows.length - MAX_TABLE_ROWS} more rows in the CSV.</p>` : '';
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
}

function numberTile(tile: TileData, ctx: ReportContext): string {
  if (tile.tile.by.length > 0) return table(tile, ctx, tile.rows);
  const id = tile.tile.metric;
  const row = tile.rows[0] ?? {};
  const previous = row[`${id}_previous`];
  return (
    `<div class="number">${cell(tile, ctx, id, row[id])}</div>` +
    `<div class="previous">Previous period: ${cell(tile, ctx, `${id}_previous`, previous ?? null)} ${change(row[id], previous, tile.metric?.direction)}</div>`
  );
}

function lineTile(tile: TileData, ctx: ReportContext): string {
  const id = tile.tile.metric;
  const by = tile.tile.by;
  const from = parseDay(String(tile.request.from));
  const to = parseDay(String(tile.request.to));
  const grain = tile.request.grain ?? 'day';
  const labels =
    from !== undefined && to !== undefined && grain !== 'all'
      ? bucketsOf({ from, to }, grain).map((b) => b.label)
      : [...new Set(tile.rows.map((r) => String(r.period ?? '')))].sort();
  // A breakdown has no row where a value had no data: nothing happened for counts and sums, unknown for the rest.
  const missing = tile.metric?.kind === 'series' && tile.metric.additive ? 0 : null;
  const groups = new Map<string, Map<string, number | null>>();
  for (const r of tile.rows) {
    const name = by.length > 0 ? by.map((d) => String(r[d] ?? '(none)')).join(' · ') : (tile.metric?.name ?? id);
    const values = groups.get(name) ?? new Map<string, number | null>();
    values.set(String(r.period ?? ''), typeof r[id] === 'number' ? (r[id] as number) : null);
    groups.set(name, values);
  }
  const total = (m: Map<string, number | null>) => [...m.values()].reduce<number>((a, v) => a + (v ?? 0), 0);
  const series = [...groups.entries()]
    .sort((a, b) => total(b[1]) - total(a[1]))
    .slice(0, MAX_LINES)
    .map(([name, values]) => ({ name, values: labels.map((l) => (values.has(l) ? (values.get(l) ?? null) : missing)) }));
  const chart = lineChartSvg(labels, series);
  if (labels.length > 31) return chart;
  const head = `<th>period</th>${series.map((s) => `<th>${escapeHtml(s.name)}</th>`).join('')}`;
  const body = labels
    .map(
      (l, i) => `<tr><td>${escapeHtml(l)}</td>${series.map((s) => `<td>${cell(tile, ctx, id, s.values[i] ?? null)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `${chart}<table class="compact"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function barTile(tile: TileData, ctx: ReportContext): string {
  const id = tile.tile.metric;
  const by = tile.tile.by;
  if (by.length === 0) return numberTile({ ...tile, tile: { ...tile.tile, by: [] } }, ctx);
  const rows = [...tile.rows].sort((a, b) => Number(b[id] ?? 0) - Number(a[id] ?? 0)).slice(0, MAX_BARS);
  const max = Math.max(0, ...rows.map((r) => (typeof r[id] === 'number' ? (r[id] as number) : 0)));
  if (rows.length === 0) return '<p class="empty">No data in this period.</p>';
  return `<div class="bars">${rows
    .map((r) => {
      const v = typeof r[id] === 'number' ? (r[id] as number) : 0;
      const width = max > 0 ? Math.max(0, (v / max) * 100) : 0;
      const label = by.map((d) => String(r[d] ?? '(none)')).join(' · ');
      return `<div class="bar"><span class="label">${escapeHtml(label)}</span><span class="track"><i style="width:${width.toFixed(1)}%"></i></span><span class="value">${cell(tile, ctx, id, r[id])}</span></div>`;
    })
    .join('')}</div>`;
}

function tileBody(tile: TileData, ctx: ReportContext): string {
  if (tile.error) return `<p class="error">Could not compute this tile: ${escapeHtml(tile.error)}</p>`;
  if (tile.metric && tile.metric.kind !== 'series') return table(tile, ctx, tile.rows);
  switch (tile.tile.viz) {
    case 'number':
      return numberTile(tile, ctx);
    case 'line':
      return lineTile(tile, ctx);
    case 'bar':
      return barTile(tile, ctx);
    case 'table':
    case 'funnel':
      return table(tile, ctx, tile.rows);
  }
}

export function renderReportHtml(data: DashboardData, ctx: ReportContext): string {
  const last = formatDay((parseDay(data.to) ?? 1) - 1);
  const tiles = data.tiles
    .map(
      (t) =>
        `<section class="tile ${t.tile.viz === 'number' && t.tile.by.length === 0 ? 'small' : 'wide'}"><h2>${escapeHtml(t.title)}</h2>${tileBody(t, ctx)}</section>`,
    )
    .join('');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(data.name)}</title>` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<style>${REPORT_CSS}</style></head><body>` +
    `<header><div class="brand">${ctx.workspace === 'Northstar' ? 'Northstar report' : `Northstar report · ${escapeHtml(ctx.workspace)}`}</div><h1>${escapeHtml(data.name)}</h1>` +
    `<div class="period">${escapeHtml(data.from)} – ${escapeHtml(last)} · generated ${escapeHtml(ctx.generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC</div></header>` +
    `<main>${tiles || '<p class="empty">This dashboard has no tiles.</p>'}</main></body></html>`
  );
}
