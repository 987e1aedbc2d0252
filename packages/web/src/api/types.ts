/**
 * The shapes the dashboard reads from the Northstar HTTP API. Every other module goes through
 * these types, so a change of the API is an edit here and in client.ts only.
 */

export const GRAINS = ['day', 'week', 'month', 'quarter', 'year', 'all'] as const;
export type Grain = (typeof GRAINS)[number];

export type Unit = 'count' | 'money' | 'rate' | 'ratio' | 'score' | 'days' | 'seconds' | 'number' | 'table';
export type Direction = 'up' | 'down' | 'none';
export type Comparison = 'previous' | 'year';

export interface MetricInfo {
  id: string;
  name: string;
  description: string;
  unit: Unit;
  direction: Direction;
  /** Dimensions the metric can be broken down and filtered by. */
  dimensions: string[];
  /** 'series' metrics have one value per period; tables return their own columns. */
  kind: 'series' | 'table';
}

export interface QueryFilter {
  dimension: string;
  op: 'equals';
  value: string;
}

export interface QueryRequest {
  metrics: string[];
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, exclusive. */
  to: string;
  /** Absent: the metric's own default (tables). */
  grain?: Grain;
  by?: string[];
  filters?: QueryFilter[];
  compare?: Comparison;
  limit?: number;
  options?: Record<string, number>;
}

export type Cell = string | number | boolean | null;
/** `period` (absent for grain all), the dimension values, then `metric` and `metric_previous`. */
export type Row = Record<string, Cell>;

export interface QueryResult {
  rows: Row[];
}

export interface Workspace {
  name: string;
  timezone: string;
  currency: string;
}

export interface Health {
  status: string;
  engine: string;
  /** Absent for a caller who may not read (a share link, or before sign-in). */
  workspace?: Workspace;
}

export const ATTRIBUTION_MODELS = [
  'first_touch',
  'last_touch',
  'last_non_direct',
  'linear',
  'time_decay',
  'u_shaped',
  'u_shaped_milestone',
  'w_shaped',
  'full_path',
  'j_shaped',
  'inverse_j',
  'markov',
  'shapley',
] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];
export const ATTRIBUTION_CONVERSIONS = ['lead', 'mql', 'sql', 'sal', 'opportunity', 'customer', 'deal'] as const;
export type AttributionConversion = (typeof ATTRIBUTION_CONVERSIONS)[number];
export const ATTRIBUTION_DIMENSIONS = ['channel', 'source', 'campaign', 'landing_page', 'content'] as const;
export type AttributionDimension = (typeof ATTRIBUTION_DIMENSIONS)[number];

export interface AttributionRequest {
  models: AttributionModel[];
  conversion: AttributionConversion;
  by: AttributionDimension;
  lookback: number;
  from: string;
  to: string;
}

export interface AttributionRow {
  key: string;
  conversions: number;
  value: number;
}

export interface AttributionResult {
  model: string;
  rows: AttributionRow[];
}

export const VISUALIZATIONS = ['number', 'line', 'bar', 'table', 'funnel'] as const;
export type Visualization = (typeof VISUALIZATIONS)[number];

/** A tile of a custom dashboard, as stored by the dashboards API. */
export interface DashboardTile {
  id: string;
  title?: string;
  metric: string;
  viz: Visualization;
  by: string[];
  filters: QueryFilter[];
  layout: { x: number; y: number; w: number; h: number };
}

export interface Dashboard {
  id: string;
  name: string;
  tiles: DashboardTile[];
  createdAt: string;
  updatedAt: string;
}

export interface DashboardInput {
  name: string;
  tiles: DashboardTile[];
}
