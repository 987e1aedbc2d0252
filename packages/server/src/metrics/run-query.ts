/**
 * Execute a metric query: parse → plan → build SQL → run on the store → shape. Custom tables
 * (ab_test, cohort_retention) run their own SQL through the same steps.
 */
import {
  assertUnreachable,
  type Catalog,
  type CompiledQuery,
  clickhouseDialect,
  compileQuery,
  DEFAULT_CATALOG,
  duckdbDialect,
  isValidTimezone,
  localDay,
  planQuery,
  type QueryPlan,
  type QueryRequest,
  type QueryResult,
  type SqlDialect,
  shapeResult,
} from '@northstar/core';
import type { SqlParams, Store } from '../store/store.ts';
import { applyAttributionModel, needsEngineAttribution } from './model-attribution.ts';
import { readCached } from './query-cache.ts';
import { runCustomTable } from './run-custom-table.ts';

export interface RunQueryOptions {
  /** The built-in catalog plus the workspace's custom metrics. */
  catalog?: Catalog;
  /** Reference time for the default range. */
  now?: Date;
  /** Rows from the cache while the data is unchanged (default); engine benchmarks turn it off. */
  cache?: boolean;
}

export function dialectFor(store: Pick<Store, 'engine'>): SqlDialect {
  switch (store.engine) {
    case 'duckdb':
      return duckdbDialect;
    case 'clickhouse':
      return clickhouseDialect;
    default:
      return assertUnreachable(store.engine, 'engine');
  }
}

interface Planned {
  plan: QueryPlan;
  /** Absent for custom tables, which build their own SQL. */
  compiled?: CompiledQuery;
}

/** Planned and compiled requests kept per catalog (least recently used goes first). */
const MAX_PLANNED = 256;
const plannedByCatalog = new WeakMap<Catalog, Map<string, Planned>>();

/**
 * The plan and SQL of a request. A dashboard asks the same tiles on every visit and planning and
 * compiling one costs 0.3–2.5 ms, so they are kept, keyed by everything they depend on: the
 * request, the catalog, the engine, its derived tables, the workspace timezone and today's date
 * there (the default range ends today). Plans are never changed after planning.
 */
function planned(catalog: Catalog, request: QueryRequest, store: Store, timezone: string, now: Date | undefined): Planned {
  const at = now ?? new Date();
  const derivedTables = store.derivedTables ?? [];
  // An unknown timezone is left to planQuery, which names it in a 400.
  const today = isValidTimezone(timezone) ? localDay(at.getTime(), timezone) : null;
  const key = JSON.stringify([request, timezone, today, store.engine, derivedTables]);
  let kept = plannedByCatalog.get(catalog);
  if (!kept) {
    kept = new Map();
    plannedByCatalog.set(catalog, kept);
  }
  const hit = kept.get(key);
  if (hit) {
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const plan = planQuery(catalog, request, { timezone, now: at });
  const entry: Planned = plan.custom ? { plan } : { plan, compiled: compileQuery(catalog, plan, dialectFor(store), { derivedTables }) };
  kept.set(key, entry);
  if (kept.size > MAX_PLANNED) {
    const oldest = kept.keys().next().value;
    if (oldest !== undefined) kept.delete(oldest);
  }
  return entry;
}

export async function runQuery(store: Store, request: QueryRequest, options: RunQueryOptions = {}): Promise<QueryResult> {
  const catalog = options.catalog ?? DEFAULT_CATALOG;
  const settings = await store.getSettings();
  const { plan, compiled } = planned(catalog, request, store, settings.timezone, options.now);
  const dialect = dialectFor(store);
  const read = options.cache === false ? store.read.bind(store) : (sql: string, params: SqlParams) => readCached(store, sql, params);
  if (!compiled) return runCustomTable(store, catalog, plan, dialect, read);
  let rows = await read(compiled.sql, compiled.params);
  const model = request.model ?? settings.attributionModel;
  if (needsEngineAttribution(plan, model)) rows = await applyAttributionModel(store, plan, rows, model);
  return shapeResult(catalog, plan, rows, compiled.valueColumns);
}
