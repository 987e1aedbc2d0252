/** The Northstar server on the demo company, on a free port, with the built dashboard. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openWorkspaceStore } from '../packages/server/src/data-dir.ts';
import { generateDemo } from '../packages/server/src/demo/generate-demo.ts';
import { buildApp } from '../packages/server/src/http/app.ts';
import type { AuthOptions } from '../packages/server/src/http/auth/auth-context.ts';
import { DuckDbStore } from '../packages/server/src/store/duckdb/duckdb-store.ts';

export const WEB_DIST = join(import.meta.dirname, '..', 'packages', 'web', 'dist');

export interface DashboardServer {
  url: string;
  app: FastifyInstance;
  /** POST /api/v1/query through the server, as the page does. */
  query(body: Record<string, unknown>): Promise<{ rows: Array<Record<string, unknown>> }>;
  close(): Promise<void>;
}

export function hasWebBuild(): boolean {
  return existsSync(join(WEB_DIST, 'index.html'));
}

export async function startDashboardServer(
  options: { scale?: number; dataDir?: string; auth?: AuthOptions } = {},
): Promise<DashboardServer> {
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'northstar-e2e-'));
  const store = await DuckDbStore.open({ path: join(dir, 'northstar.duckdb') });
  if ((await store.count('events')) === 0) await generateDemo(store, { scale: options.scale ?? 0.05, seed: 1 });
  const app = await buildApp({
    store,
    webRoot: WEB_DIST,
    ...(options.auth ? { auth: options.auth } : {}),
    workspaces: { open: (id) => openWorkspaceStore(dir, id) },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    app,
    query: async (body) => {
      const response = await fetch(`${url}/api/v1/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`query ${JSON.stringify(body)} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as { rows: Array<Record<string, unknown>> };
    },
    close: async () => {
      await app.close();
      await store.close();
      if (!options.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
