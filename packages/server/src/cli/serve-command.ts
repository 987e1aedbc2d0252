import type { Command } from 'commander';
import { ingestLogDir, openStore, openWorkspaceStore } from '../data-dir.ts';
import { buildApp } from '../http/app.ts';
import { jobsIntervalMs, startScheduler } from '../jobs/scheduler.ts';
import { loadDemoIfEmpty } from './demo-command.ts';
import type { GlobalOptions } from './main.ts';
import { serveAuth } from './serve-auth.ts';

export function registerServeCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .description('run the server: dashboard, API and collector')
    .option('--port <port>', 'port to listen on', (v) => Number.parseInt(v, 10), 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '--demo',
      'load the demo company first when the data directory is empty; on 127.0.0.1 without NORTHSTAR_SECRET, no login (single user)',
      false,
    )
    .option(
      '--jobs-interval <seconds>',
      'seconds between passes of alerts, scheduled reports and deliveries (env NORTHSTAR_JOBS_INTERVAL; default 60)',
    )
    .action(async (options: { port: number; host: string; demo: boolean; jobsInterval?: string }) => {
      // The install's root: the default workspace, hosting the others under workspaces/.
      const { root: data } = globals();
      // Checked before opening anything: a missing or default secret stops here.
      const auth = serveAuth({ demo: options.demo, host: options.host, secret: process.env.NORTHSTAR_SECRET });
      const store = await openStore(data);
      if (options.demo) await loadDemoIfEmpty(store);
      const schedule = (workspace: string, workspaceStore: typeof store) =>
        startScheduler(workspaceStore, {
          intervalMs: jobsIntervalMs(options.jobsInterval),
          onError: (error) => process.stderr.write(`jobs (${workspace}): ${error instanceof Error ? error.message : String(error)}\n`),
        });
      const workspaceJobs = new Map<string, ReturnType<typeof startScheduler>>();
      const app = await buildApp({
        store,
        logger: false,
        auth,
        retentionJob: true,
        ingest: { logDir: ingestLogDir(data) },
        workspaces: {
          open: (id) => openWorkspaceStore(data, id),
          onOpened: (id, workspaceStore) => workspaceJobs.set(id, schedule(id, workspaceStore)),
          onClosing: async (id) => workspaceJobs.get(id)?.stop(),
        },
      });
      const jobs = schedule('default', store);
      const close = async () => {
        await jobs.stop();
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      await app.listen({ port: options.port, host: options.host });
      const shown = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
      process.stdout.write(`Northstar is running: dashboard at http://${shown}:${options.port}/\n`);
      if (auth.mode === 'open') {
        process.stdout.write('Demo mode: no login on this loopback address. Set NORTHSTAR_SECRET to require sign-in.\n');
      }
    });
}
