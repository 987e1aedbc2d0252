/**
 * The metric, attribution and store suites on ClickHouse. NORTHSTAR_TEST_ENGINE picks
 * `clickhouse` or `clickhouse-cluster`; the parity test (engine-parity.test.ts) uses all three.
 *   NORTHSTAR_TEST_ENGINE=clickhouse npx vitest run -c packages/server/src/test-harness/vitest.engines.config.ts
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

export default defineConfig({
  root,
  test: {
    include: [
      'packages/server/src/metrics/*.test.ts',
      'packages/server/src/attribution/*.test.ts',
      'packages/server/src/privacy/*.test.ts',
      'packages/server/src/migrate/*.test.ts',
      'packages/server/src/store/clickhouse/*.test.ts',
      'packages/server/src/test-harness/*.test.ts',
    ],
    globalSetup: ['packages/server/src/test-harness/clickhouse-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Two shared cores: one file at a time keeps ClickHouse and DuckDB from starving each other.
    fileParallelism: false,
  },
});
