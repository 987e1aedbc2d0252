import { AppError } from '@northstar/core';
import type { Command } from 'commander';
import { databasePath } from '../data-dir.ts';
import { migrateStore } from '../migrate/migrate-store.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { engineConfigFromEnv, openClickHouse } from '../store/open-store.ts';
import type { GlobalOptions } from './main.ts';

/**
 * `northstar migrate --to clickhouse`: the data directory's embedded analytics go to the ClickHouse
 * that NORTHSTAR_CLICKHOUSE_URL names; metadata goes to NORTHSTAR_POSTGRES_URL when set, and
 * otherwise stays in the embedded file, where the ClickHouse-backed server reads it.
 */
export function registerMigrateCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('migrate')
    .description("copy the data directory's embedded analytics (and metadata) to the scale-out engines")
    .requiredOption('--to <engine>', 'target engine: clickhouse')
    .action(async (options: { to: string }) => {
      if (options.to !== 'clickhouse') throw new AppError('validation', `unknown --to '${options.to}': expected clickhouse`);
      const config = engineConfigFromEnv(databasePath(globals().data));
      const source = await DuckDbStore.open({ path: config.duckdbPath });
      try {
        const target = await openClickHouse(config, { metadata: source.metadata });
        try {
          const report = await migrateStore(source, target, (message) => process.stderr.write(`  ${message}\n`));
          const rows = Object.values(report.rows).reduce((sum, n) => sum + (n ?? 0), 0);
          const documents = Object.values(report.documents).reduce((sum, n) => sum + n, 0);
          process.stderr.write(`migrated ${rows} rows and ${documents} metadata documents to ClickHouse\n`);
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
    });
}
