import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '@northstar/core';
import { replayIngestLog } from './ingest/log-loader.ts';
import { engineConfigFromEnv, openConfiguredStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import { workspaceDataDir } from './workspaces/workspace-registry.ts';

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

/**
 * Opens (creating it when new) the data directory of a workspace other than the default one. Only
 * the embedded engine keeps workspaces apart by directory; with ClickHouse or PostgreSQL configured,
 * every workspace would share their tables, so that is refused: run one install per workspace.
 */
export async function openWorkspaceStore(
  rootDir: string,
  id: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ store: Store; ingestLogDir: string }> {
  if (env.NORTHSTAR_CLICKHOUSE_URL || env.NORTHSTAR_POSTGRES_URL) {
    throw new AppError(
      'badRequest',
      'several workspaces in one install need the embedded engine; with NORTHSTAR_CLICKHOUSE_URL or NORTHSTAR_POSTGRES_URL set, run one install (database) per workspace',
    );
  }
  const dir = workspaceDataDir(rootDir, id);
  await mkdir(dir, { recursive: true });
  return { store: await openStore(dir), ingestLogDir: ingestLogDir(dir) };
}
