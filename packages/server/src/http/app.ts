import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Store } from '../store/store.ts';
import { handleError } from './errors.ts';
import { registerImportRoutes } from './routes/import.ts';

export interface AppOptions {
  store: Store;
  /** Directory of the built dashboard; defaults to packages/web/dist. */
  webRoot?: string;
  logger?: boolean;
}

const DEFAULT_WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });
  app.setErrorHandler(handleError);
  const { store } = options;

  app.get('/api/v1/health', async () => {
    const settings = await store.getSettings();
    return { status: 'ok', engine: store.engine, workspace: settings };
  });
  registerImportRoutes(app, store);

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
