import { join, resolve } from 'node:path';
import { DuckDbStore } from './store/duckdb/duckdb-store.ts';
import type { Store } from './store/store.ts';

export const DEFAULT_DATA_DIR = './northstar-data';

export function databasePath(dataDir: string): string {
  return join(resolve(dataDir), 'northstar.duckdb');
}

/** Opens the analytics store of a data directory (embedded DuckDB). */
export function openStore(dataDir: string): Promise<Store> {
  return DuckDbStore.open({ path: databasePath(dataDir) });
}
