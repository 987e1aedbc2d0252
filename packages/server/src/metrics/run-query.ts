/**
 * Execute a metric query: parse → plan → build SQL → run on the store → shape. Custom tables
 * (ab_test, cohort_retention) run their own SQL through the same steps.
 */
import {
  assertUnreachable,
  type Catalog,
  clickhouseDialect,
  compileQuery,
  DEFAULT_CATALOG,
  duckdbDialect,
  planQuery,
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

export async function runQuery(store: Store, request: QueryRequest, options: RunQueryOptions = {}): Promise<QueryResult> {
  const catalog = options.catalog ?? DEFAULT_CATALOG;
  const settings = await store.getSettings();
  const plan = planQuery(catalog, request, { timezone: settings.timezone, ...(options.now ? { now: options.now } : {}) });
  const dialect = dialectFor(store);
  const read = options.cache === false ? store.read.bind(store) : (sql: string, params: SqlParams) => readCached(store, sql, params);
  if (plan.custom) return runCustomTable(store, catalog, plan, dialect, read);
  const compiled = compileQuery(catalog, plan, dialect, { derivedTables: store.derivedTables ?? [] });
  let rows = await read(compiled.sql, compiled.params);
  const model = request.model ?? settings.attributionModel;
  if (needsEngineAttribution(plan, model)) rows = await applyAttributionModel(store, plan, rows, model);
  return shapeResult(catalog, plan, rows, compiled.valueColumns);
}
