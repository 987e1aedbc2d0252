import {
  type Catalog,
  compileQuery,
  planCustomTable,
  type QueryPlan,
  type QueryResult,
  type SqlDialect,
  shapeResult,
} from '@northstar/core';
import type { SqlParams, Store } from '../store/store.ts';

/** A custom table: its series query through the usual pipeline, then its finishing step. */
export async function runCustomTable(
  store: Store,
  catalog: Catalog,
  plan: QueryPlan,
  dialect: SqlDialect,
  read: (sql: string, params: SqlParams) => Promise<Record<string, unknown>[]> = (sql, params) => store.read(sql, params),
): Promise<QueryResult> {
  const custom = planCustomTable(catalog, plan);
  const compiled = compileQuery(catalog, custom.plan, dialect, { derivedTables: store.derivedTables ?? [] });
  const rows = await read(compiled.sql, compiled.params);
  return custom.finish(shapeResult(catalog, custom.plan, rows, compiled.valueColumns));
}
