import type { Grain, QueryFilter, Visualization } from '../api/types.ts';

/** What a tile shows: built-in pages and custom dashboards both describe their tiles so. */
export interface TileSpec {
  /** Stable within its page; used for test ids and file names. */
  key: string;
  metrics: string[];
  viz: Visualization;
  title?: string;
  by?: string[];
  /** Fixed filters of the tile, on top of the view's. */
  filters?: QueryFilter[];
  /** Overrides the view's grain (line tiles) or 'all' (the others). */
  grain?: Grain;
  limit?: number;
  options?: Record<string, number>;
  /** Columns of the page grid the tile spans on a wide screen (1–4). */
  span?: 1 | 2 | 3 | 4;
  /** Lines: show at most this many breakdown series. */
  top?: number;
  /** Bars of a rate: rank the breakdown by this volume KPI (sessions …) rather than by the rate itself. */
  rankBy?: string;
}
