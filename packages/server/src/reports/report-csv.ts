/**
 * Tiles as CSV, through the CLI's csvCell (cells a spreadsheet would run as a formula — starting
 * with = + - @ tab or CR — are neutralised): one file per tile for email attachments, or every
 * tile in one file with `tile` and `title` columns first for `northstar report --format csv`.
 */
import { csvCell, toCsv } from '../cli/output.ts';
import type { DashboardData, TileData } from './dashboard-data.ts';

/** The columns a tile's rows have, known even when it has none. */
function expectedColumns(tile: TileData): string[] {
  const { request, metric } = tile;
  const period = (request.grain ?? (metric && metric.kind !== 'series' ? metric.defaultGrain : 'all')) !== 'all' ? ['period'] : [];
  if (metric?.kind === 'table')
    return [...period, ...new Set([...metric.rowDimensions, ...(request.dimensions ?? [])]), ...metric.columns.map((c) => c.name)];
  const values = request.comparison ? [tile.tile.metric, `${tile.tile.metric}_previous`] : [tile.tile.metric];
  return [...period, ...(request.dimensions ?? []), ...values];
}

export function tileCsv(tile: TileData): string {
  if (tile.rows.length === 0) return `${expectedColumns(tile).map(csvCell).join(',')}\n`;
  return `${toCsv(tile.rows)}\n`;
}

export function dashboardCsv(data: DashboardData): string {
  const rows = data.tiles.flatMap((t) => t.rows.map((row) => ({ tile: t.tile.id, title: t.title, ...row })));
  return `${toCsv(rows)}\n`;
}

/** A file-name-safe slug. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'report'
  );
}

export function tileCsvFilename(tile: TileData): string {
  return `${slug(tile.tile.id)}-${slug(tile.title)}.csv`;
}
