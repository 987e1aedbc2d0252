import { join, resolve } from 'node:path';
import { engineConfigFromEnv, openConfiguredStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';

export const DEFAULT_DATA_DIR = './northstar-data';

export function databasePath(dataDir: string): string {
  return join(resolve(dataDir), 'northstar.duckdb');
}

/** Opens the store of a data directory: embedded DuckDB, or the engines the environment names. */
export function openStore(dataDir: string): Promise<Store> {
  return openConfiguredStore(engineConfigFromEnv(databasePath(dataDir)));
}
