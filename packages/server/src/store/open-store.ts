/**
 * Picks the engines from the environment: embedded DuckDB in the data dir by default;
 * NORTHSTAR_CLICKHOUSE_URL (comma-separated HTTP URLs, the first answers queries) switches the
 * analytics tables to ClickHouse, NORTHSTAR_CLICKHOUSE_CLUSTER shards them over that
 * remote_servers cluster, and NORTHSTAR_POSTGRES_URL keeps metadata in PostgreSQL.
 */
import { AppError } from '@northstar/core';
import type { MetadataStore } from '../meta/metadata-store.ts';
import { PostgresMetadataStore } from '../meta/postgres-metadata-store.ts';
import { ClickHouseStore } from './clickhouse/clickhouse-store.ts';
import { DuckDbStore } from './duckdb/duckdb-store.ts';
import type { Store } from './store.ts';

export interface EngineConfig {
  /** The embedded database file (analytics, and metadata when there is no PostgreSQL). */
  duckdbPath: string;
  clickhouseUrls: string[];
  clickhouseCluster?: string;
  clickhouseDatabase?: string;
  postgresUrl?: string;
}

export function engineConfigFromEnv(duckdbPath: string, env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const urls = (env.NORTHSTAR_CLICKHOUSE_URL ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  return {
    duckdbPath,
    clickhouseUrls: urls,
    ...(env.NORTHSTAR_CLICKHOUSE_CLUSTER ? { clickhouseCluster: env.NORTHSTAR_CLICKHOUSE_CLUSTER } : {}),
    ...(env.NORTHSTAR_CLICKHOUSE_DATABASE ? { clickhouseDatabase: env.NORTHSTAR_CLICKHOUSE_DATABASE } : {}),
    ...(env.NORTHSTAR_POSTGRES_URL ? { postgresUrl: env.NORTHSTAR_POSTGRES_URL } : {}),
  };
}

export async function openConfiguredStore(config: EngineConfig): Promise<Store> {
  if (config.clickhouseUrls.length === 0) {
    if (config.postgresUrl) {
      throw new AppError(
        'validation',
        'NORTHSTAR_POSTGRES_URL needs NORTHSTAR_CLICKHOUSE_URL: the embedded store keeps its metadata in its own file',
      );
    }
    return DuckDbStore.open({ path: config.duckdbPath });
  }
  if (config.postgresUrl) return openClickHouse(config);
  // ClickHouse without PostgreSQL: metadata stays in the embedded file (one server process only).
  const embedded = await DuckDbStore.open({ path: config.duckdbPath });
  return openClickHouse(config, { metadata: embedded.metadata, close: () => embedded.close() });
}

/**
 * The ClickHouse store of a configuration; metadata in PostgreSQL when configured, else the one
 * given (e.g. an embedded store the caller has open already, which the caller closes).
 */
export async function openClickHouse(
  config: EngineConfig,
  fallback?: { metadata: MetadataStore; close?: () => Promise<void> },
): Promise<ClickHouseStore> {
  if (config.clickhouseUrls.length === 0) throw new AppError('validation', 'NORTHSTAR_CLICKHOUSE_URL is not set');
  const credentials = credentialsOf(config.clickhouseUrls[0] as string);
  const common = {
    urls: config.clickhouseUrls.map(stripCredentials),
    ...(config.clickhouseCluster ? { cluster: config.clickhouseCluster } : {}),
    ...(config.clickhouseDatabase ? { database: config.clickhouseDatabase } : {}),
    ...credentials,
  };
  if (config.postgresUrl) {
    const metadata = await PostgresMetadataStore.open(config.postgresUrl);
    return ClickHouseStore.open({ ...common, metadata, closeMetadata: () => metadata.close() });
  }
  if (!fallback) throw new AppError('validation', 'NORTHSTAR_CLICKHOUSE_URL without NORTHSTAR_POSTGRES_URL needs the embedded metadata');
  return ClickHouseStore.open({ ...common, metadata: fallback.metadata, ...(fallback.close ? { closeMetadata: fallback.close } : {}) });
}

function credentialsOf(url: string): { username?: string; password?: string } {
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
  };
}

function stripCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString().replace(/\/$/, '');
}
