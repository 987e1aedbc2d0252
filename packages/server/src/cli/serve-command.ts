import type { Command } from 'commander';
import { openStore } from '../data-dir.ts';
import { buildApp } from '../http/app.ts';
import { loadDemoIfEmpty } from './demo-command.ts';
import type { GlobalOptions } from './main.ts';

export function registerServeCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .description('run the server: dashboard, API and collector')
    .option('--port <port>', 'port to listen on', (v) => Number.parseInt(v, 10), 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--demo', 'load the demo company first when the data directory is empty', false)
    .action(async (options: { port: number; host: string; demo: boolean }) => {
      const { data } = globals();
      const store = await openStore(data);
      if (options.demo) await loadDemoIfEmpty(store);
      const app = await buildApp({ store, logger: false });
      const close = async () => {
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      await app.listen({ port: options.port, host: options.host });
      const shown = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
      process.stdout.write(`Northstar is running: dashboard at http://${shown}:${options.port}/\n`);
    });
}
