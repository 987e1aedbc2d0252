import type { DashboardTile, Visualization } from '../api/types.ts';
import type { TileSpec } from '../tiles/tile-spec.ts';

export const GRID_COLUMNS = 12;
export const ROW_HEIGHT = 40;
export const GRID_MARGIN = 12;

export const FUNNEL_STAGES = ['leads', 'mqls', 'sqls', 'sals', 'opportunities', 'new_customers'];

/** Default size of a new tile by visualization (grid columns × rows). */
const SIZES: Record<Visualization, { w: number; h: number }> = {
  number: { w: 3, h: 5 },
  line: { w: 6, h: 8 },
  bar: { w: 6, h: 8 },
  table: { w: 6, h: 8 },
  funnel: { w: 6, h: 9 },
};

/** A stored tile as the spec the tile components render. A funnel without a breakdown shows the lifecycle stages. */
export function tileToSpec(tile: DashboardTile): TileSpec {
  const funnelStages = tile.viz === 'funnel' && tile.by.length === 0;
  const spec: TileSpec = {
    key: tile.id,
    metrics: funnelStages
      ? FUNNEL_STAGES.slice(0, Math.max(2, FUNNEL_STAGES.indexOf(tile.metric) + 1 || FUNNEL_STAGES.length))
      : [tile.metric],
    viz: tile.viz,
    by: tile.by,
    filters: tile.filters,
  };
  if (tile.title) spec.title = tile.title;
  return spec;
}

/** Places a new tile of a visualization below every other tile. */
export function placeTile(tiles: readonly DashboardTile[], viz: Visualization): DashboardTile['layout'] {
  const size = SIZES[viz];
  const bottom = tiles.reduce((max, t) => Math.max(max, t.layout.y + t.layout.h), 0);
  const lastRow = tiles.filter((t) => t.layout.y + t.layout.h === bottom);
  const usedWidth = lastRow.reduce((max, t) => Math.max(max, t.layout.x + t.layout.w), 0);
  if (lastRow.length > 0 && usedWidth + size.w <= GRID_COLUMNS) {
    const top = Math.min(...lastRow.map((t) => t.layout.y));
    return { x: usedWidth, y: top, ...size };
  }
  return { x: 0, y: bottom, ...size };
}

export function newTileId(): string {
  return `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Height of a tile's chart inside a grid cell of `h` rows (the title bar takes the rest). */
export function chartHeight(h: number): number {
  return Math.max(80, h * ROW_HEIGHT + (h - 1) * GRID_MARGIN - 64);
}
