import { join, resolve } from 'node:path';
import { replayIngestLog } from './ingest/log-loader.ts';
import { engineConfigFromEnv, openConfiguredStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';

export const DEFAULT_DATA_DIR = './northstar-data';

export function databasePath(dataDir: string): string {
  return join(resolve(dataDir), 'northstar.duckdb');
}

/** The ingest log's segments (ingest/ingest-log.ts). */
export function ingestLogDir(dataDir: string): string {
  return join(resolve(dataDir), 'ingest-log');
}

/**
 * Opens the store of a data directory: embedded DuckDB, or the engines the environment names.
 * Events the ingest log holds and the store not yet (the server was killed) are loaded first.
 */
export async function openStore(dataDir: string): Promise<Store> {
  const store = await openConfiguredStore(engineConfigFromEnv(databasePath(dataDir)));
  try {
    await replayIngestLog(store, ingestLogDir(dataDir));
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
