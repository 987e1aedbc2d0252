import { AppError } from '@northstar/core';
import type { Command } from 'commander';
import { buildCollectorApp } from '../collector/collector-app.ts';
import { databasePath, ingestLogDir } from '../data-dir.ts';
import { engineConfigFromEnv, openClickHouse } from '../store/open-store.ts';
import type { GlobalOptions } from './main.ts';

/**
 * `northstar collector`: a stateless ingest process for scale-out. Events are synced to the ingest
 * log in `--data` (one directory per collector) before the 2xx and shipped to ClickHouse in the
 * background; API keys and the visitor salt are read from PostgreSQL, never written.
 */
export function registerCollectorCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('collector')
    .description(
      'run a collector: /api/v1/events, /api/v1/collect and /t.js into ClickHouse (needs NORTHSTAR_CLICKHOUSE_URL and NORTHSTAR_POSTGRES_URL)',
    )
    .option('--port <port>', 'port to listen on', (v) => Number.parseInt(v, 10), 8081)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (options: { port: number; host: string }) => {
      const { data } = globals();
      const config = engineConfigFromEnv(databasePath(data));
      if (config.clickhouseUrls.length === 0) {
        throw new AppError('validation', 'a collector writes to ClickHouse: set NORTHSTAR_CLICKHOUSE_URL');
      }
      if (!config.postgresUrl) {
        throw new AppError('validation', 'a collector reads API keys and the visitor salt from PostgreSQL: set NORTHSTAR_POSTGRES_URL');
      }
      const store = await openClickHouse(config);
      const logDir = ingestLogDir(data);
      const app = await buildCollectorApp({
        store,
        metadata: store.metadata,
        logDir,
        trustProxy: process.env.NORTHSTAR_TRUST_PROXY === '1',
      }).catch(async (error: unknown) => {
        await store.close();
        throw error;
      });
      const close = async () => {
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      await app.listen({ port: options.port, host: options.host });
      process.stdout.write(`Northstar collector is running on http://${options.host}:${options.port}/ (log in ${logDir})\n`);
    });
}
