import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { privacyLoggerOptions } from '../ingest/privacy-log.ts';
import type { Store } from '../store/store.ts';
import { handleError } from './errors.ts';
import { registerAttributionRoutes } from './routes/attribution.ts';
import { registerDashboardRoutes } from './routes/dashboards.ts';
import { type IngestRouteOptions, registerIngestRoutes } from './routes/events.ts';
import { registerImportRoutes } from './routes/import.ts';
import { registerKeyRoutes } from './routes/keys.ts';
import { registerQueryRoutes } from './routes/query.ts';

export interface AppOptions {
  store: Store;
  /** Directory of the built dashboard; defaults to packages/web/dist. */
  webRoot?: string;
  logger?: boolean;
  /** Tuning of live ingestion (group commit, queue bound, tracker file); defaults suit production. */
  ingest?: IngestRouteOptions;
}

const DEFAULT_WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ? privacyLoggerOptions() : false, bodyLimit: 1024 * 1024 });
  app.setErrorHandler(handleError);
  const { store } = options;

  app.get('/api/v1/health', async () => {
    const settings = await store.getSettings();
    return { status: 'ok', engine: store.engine, workspace: settings };
  });
  registerImportRoutes(app, store);
  registerAttributionRoutes(app, store);
  registerQueryRoutes(app, store);
  registerIngestRoutes(app, store, store.metadata, options.ingest);
  registerKeyRoutes(app, store.metadata);
  registerDashboardRoutes(app, store.metadata);

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  if (existsSync(join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false });
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply.status(404).send({ error: { code: 'NS_ERR_NOT_FOUND', message: `no route ${request.method} ${request.url}` } });
    });
  } else {
    app.get('/', async (_request, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><title>Northstar</title><p>Northstar is running. Build the dashboard with <code>npm run build:web</code>.</p>',
        ),
    );
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({ error: { code: 'NS_ERR_NOT_FOUND', message: `no route ${request.method} ${request.url}` } }),
    );
  }
  return app;
}
