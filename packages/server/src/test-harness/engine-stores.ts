/**
 * Stores for tests on each engine. The engine comes from NORTHSTAR_TEST_ENGINE (set by
 * vitest.engines.config.ts): `duckdb` (default), `clickhouse` or `clickhouse-cluster`. ClickHouse
 * servers are started once per run by clickhouse-setup.ts; each store gets a fresh database so test
 * files never see each other's rows.
 */

import { randomUUID } from 'node:crypto';
import { createClient } from '@clickhouse/client';
import type { DuckDbMetadataStore } from '../meta/duckdb-metadata-store.ts';
import { ClickHouseStore } from '../store/clickhouse/clickhouse-store.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { Store } from '../store/store.ts';

export const ENGINES = ['duckdb', 'clickhouse', 'clickhouse-cluster'] as const;
export type TestEngine = (typeof ENGINES)[number];

export function testEngine(): TestEngine {
  const engine = process.env.NORTHSTAR_TEST_ENGINE ?? 'duckdb';
  if (!(ENGINES as readonly string[]).includes(engine)) throw new Error(`unknown NORTHSTAR_TEST_ENGINE '${engine}'`);
  return engine as TestEngine;
}

export interface ClickHouseTarget {
  urls: string[];
  cluster?: string;
}

/** Servers started by the global setup, per engine. */
export function clickHouseTarget(engine: Exclude<TestEngine, 'duckdb'>): ClickHouseTarget {
  const key = engine === 'clickhouse' ? 'NORTHSTAR_TEST_CLICKHOUSE_URLS' : 'NORTHSTAR_TEST_CLICKHOUSE_CLUSTER_URLS';
  const urls = (process.env[key] ?? '').split(',').filter((u) => u !== '');
  if (urls.length === 0) throw new Error(`${key} is not set: run through vitest.engines.config.ts`);
  return engine === 'clickhouse' ? { urls } : { urls, cluster: process.env.NORTHSTAR_TEST_CLICKHOUSE_CLUSTER ?? 'northstar_test' };
}

/** A fresh, empty ClickHouse store in a database of its own; metadata in an in-memory DuckDB. */
export async function openClickHouseTestStore(target: ClickHouseTarget): Promise<ClickHouseStore> {
  const database = `t_${randomUUID().replaceAll('-', '')}`;
  for (const url of target.urls) {
    const admin = createClient({ url });
    await admin.command({ query: `CREATE DATABASE ${database}` });
    await admin.close();
  }
  const meta = await DuckDbStore.open({ path: ':memory:' });
  return ClickHouseStore.open({
    urls: target.urls,
    database,
    ...(target.cluster ? { cluster: target.cluster } : {}),
    metadata: meta.metadata as DuckDbMetadataStore,
    closeMetadata: () => meta.close(),
  });
}

export async function openEngineStore(engine: TestEngine = testEngine()): Promise<Store> {
  if (engine === 'duckdb') return DuckDbStore.open({ path: ':memory:' });
  return openClickHouseTestStore(clickHouseTarget(engine));
}
