/**
 * The declarative shapes of the metric layer: sources (relations with a time column and
 * dimensions), measures (one aggregate over a source) and metrics (a formula over measures or
 * other metrics, or a table built from metrics). Nothing here is engine-specific.
 */
import type { SqlDialect } from './dialect.ts';

export const UNITS = ['count', 'money', 'rate', 'ratio', 'score', 'days', 'seconds', 'number', 'table'] as const;
export type Unit = (typeof UNITS)[number];
export type Direction = 'up' | 'down' | 'none';
export const GRAINS = ['day', 'week', 'month', 'quarter', 'year', 'all'] as const;
export type Grain = (typeof GRAINS)[number];
export type TruncGrain = Exclude<Grain, 'all'>;

/** Columns a source exposes, by name. */
export type ColumnKind = 'string' | 'timestamp' | 'date' | 'number' | 'boolean';

export interface SourceContext {
  dialect: SqlDialect;
  /** Columns the query reads (dimensions, filters, measures): sources skip joins nobody needs. */
  needs: ReadonlySet<string>;
  /** The request's timezone as an SQL expression (binds a parameter: call only when used). */
  timezone(): string;
  /** Derived tables the engine keeps up to date on load (e.g. contact_reach); others are computed inline. */
  derivedTables: ReadonlySet<string>;
}

export interface SourceDef {
  id: string;
  description: string;
  /** Dimension name -> column of the relation holding its value. */
  dimensions: Readonly<Record<string, string>>;
  /**
   * Dimensions that repeat rows (a session under each goal it reached, a lead under each vendor
   * of its campaign): offered only to metrics that name them in their own `dimensions`.
   */
  optInDimensions?: readonly string[];
  /** Column kinds of the time columns measures may use. */
  timeColumns: Readonly<Record<string, 'timestamp' | 'date'>>;
  /** The relation as SQL (no parameters; built from dialect operations). */
  sql(context: SourceContext): string;
}

export type Condition =
  | { column: string; op: 'eq' | 'neq'; value: string | number }
  | { column: string; op: 'in' | 'notIn'; values: readonly string[] }
  | { column: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: number }
  | { column: string; op: 'isNull' | 'notNull' | 'isTrue' | 'isFalse' }
  /** Case-insensitive substring of the column as a dimension value. */
  | { column: string; op: 'contains'; value: string }
  /**
   * The column's time lies before the start of the bucket (∩ range) that holds the measure's time;
   * with orNull, a null time counts as before.
   */
  | { column: string; op: 'beforeBucket'; orNull?: boolean };

export type Aggregate =
  | { fn: 'count' }
  | { fn: 'countDistinct'; column: string }
  | { fn: 'sum'; column: string }
  | { fn: 'median'; column: string }
  /**
   * Rows active at the start (or end) of each bucket: `from` <= t and not (`to` <= t) … strictly,
   * active at instant t when from < t and (to is null or to >= t). Computed from per-bucket
   * counts of starts and ends plus a baseline before the range, summed in order.
   */
  | { fn: 'active'; from: string; to: string; at: 'start' | 'end' }
  /**
   * A snapshot value per key (e.g. followers per network), summed over keys. End: the latest
   * snapshot inside the bucket. Start: the latest before the bucket, else the first inside it.
   */
  | { fn: 'snapshot'; column: string; key: string; at: 'start' | 'end' };

export interface MeasureDef {
  id: string;
  description: string;
  source: string;
  /** Time column placing a row in a bucket (ignored by `active`, which uses from/to). */
  time: string;
  aggregate: Aggregate;
  where?: readonly Condition[];
  /**
   * Plain aggregates only: the value over the n-th period before each bucket instead of the bucket
   * itself, one step being the previous-period comparison of the bucket (comparisonRange).
   */
  shift?: number;
  /**
   * The same values computed more cheaply from a derived table the engine keeps up to date, for
   * queries without dimensions or filters: the measure then reads `source`, `time`, `aggregate`
   * and `where` from here.
   */
  derived?: {
    table: string;
    /** The table holds times rounded down to this many seconds: usable only when every bucket starts on such a multiple (UTC). */
    alignedSeconds?: number;
  } & Pick<MeasureDef, 'source' | 'time' | 'aggregate' | 'where'>;
}

/** Values a metric formula sees besides measures. */
export interface FormulaContext {
  /** Days of the bucket intersected with the requested range. */
  periodDays: number;
}

export type MeasureValues = Readonly<Record<string, number | null>>;

export interface SeriesMetricDef {
  kind: 'series';
  id: string;
  name: string;
  description: string;
  unit: Exclude<Unit, 'table'>;
  direction: Direction;
  /** A formula over measure and metric ids (+ − × ÷, min, max, coalesce); or `compute`. */
  formula?: string;
  /** For formulas the language cannot say plainly; gets every measure in `measures`. */
  compute?: (values: MeasureValues, context: FormulaContext) => number | null;
  /** Measures `compute` reads. */
  measures?: readonly string[];
  /** Dimensions allowed; defaults to those every measure's source offers. */
  dimensions?: readonly string[];
  /** True when parts of a breakdown sum to the total (counts, sums). */
  additive?: boolean;
  /** Only a hook for now: the attribution model; `last_non_direct` is compiled in SQL. */
  attribution?: { defaultModel: 'last_non_direct'; lookbackDays: number };
}

export interface TableColumn {
  name: string;
  metric: string;
}

export interface TableMetricDef {
  kind: 'table';
  id: string;
  name: string;
  description: string;
  unit: 'table';
  direction: Direction;
  /** Row dimensions always present; request dimensions are added after them. */
  rowDimensions: readonly string[];
  columns: readonly TableColumn[];
  defaultGrain: Grain;
  /** Default ordering: by a column, or by the listed order of a dimension's values. */
  order: { column: string; direction: 'asc' | 'desc' } | { dimension: string; values: readonly string[] };
  defaultLimit?: number;
  /** Rows whose `column` is below `min` are left out (e.g. pages without enough traffic). */
  minimum?: { column: string; min: number; option?: string };
  /** Extra ordering keys after the main one. */
  thenBy?: ReadonlyArray<{ column: string; direction: 'asc' | 'desc' }>;
}

/** A table computed by its own module (statistics, cohort triangles). */
export interface CustomTableMetricDef {
  kind: 'custom';
  id: string;
  name: string;
  description: string;
  unit: 'table';
  direction: Direction;
  dimensions: readonly string[];
  defaultGrain: Grain;
}

export type MetricDef = SeriesMetricDef | TableMetricDef | CustomTableMetricDef;

export interface Catalog {
  sources: ReadonlyMap<string, SourceDef>;
  measures: ReadonlyMap<string, MeasureDef>;
  metrics: ReadonlyMap<string, MetricDef>;
}
