import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { DEFAULT_WORKSPACE } from '../auth/users.ts';
import { privacyLoggerOptions } from '../ingest/privacy-log.ts';
import type { MetadataStore } from '../meta/metadata-store.ts';
import type { Store } from '../store/store.ts';
import { type WorkspaceHosting, WorkspaceRouter } from '../workspaces/workspace-router.ts';
import { type AuthContext, type AuthOptions, createAuthContext } from './auth/auth-context.ts';
import { identityOf, installAuthorization } from './auth/authorize.ts';
import { grantsOf } from './auth/identity.ts';
import { DEFAULT_RATE_LIMITS, type RateLimitOptions, registerSecurity } from './auth/security.ts';
import { handleError } from './errors.ts';
import { registerAccountRoutes } from './routes/accounts.ts';
import { registerAlertRoutes } from './routes/alerts.ts';
import { registerAttributionRoutes } from './routes/attribution.ts';
import { registerDashboardRoutes } from './routes/dashboards.ts';
import { type IngestRouteOptions, registerIngestRoutes } from './routes/events.ts';
import { registerGoalRoutes } from './routes/goals.ts';
import { registerImportRoutes } from './routes/import.ts';
import { registerInsightRoutes } from './routes/insights.ts';
import { registerKeyRoutes } from './routes/keys.ts';
import { registerPrivacyRoutes } from './routes/privacy.ts';
import { registerQueryRoutes } from './routes/query.ts';
import { registerReportRoutes } from './routes/reports.ts';
import { registerShareLinkRoutes } from './routes/share-links.ts';
import { registerUserRoutes } from './routes/users.ts';
import { registerWorkspaceRoutes } from './routes/workspaces.ts';

export interface AppOptions {
  store: Store;
  /** Directory of the built dashboard; defaults to packages/web/dist. */
  webRoot?: string;
  logger?: boolean;
  /** Tuning of live ingestion (group commit, queue bound, tracker file); defaults suit production. */
  ingest?: IngestRouteOptions;
  /**
   * Who may call the API. `open` (the default) needs no login: only for in-process tests and
   * `northstar serve --demo` on loopback; `northstar serve` otherwise passes `enforced`.
   */
  auth?: AuthOptions;
  /** Rate limits of the API and of login; `false` turns them off (benchmarks). */
  rateLimits?: RateLimitOptions | false;
  /** Apply the workspace's retention limit at start and hourly. */
  retentionJob?: boolean;
  /**
   * Host the install's other workspaces (`northstar serve`): how to open their data. Without it the
   * server answers for the default workspace only and cannot create others.
   */
  workspaces?: WorkspaceHosting;
  /** Set by the router on the app of a non-default workspace. */
  member?: WorkspaceMember;
}

/** What the app of a non-default workspace shares with the default one. */
interface WorkspaceMember {
  id: string;
  accounts: MetadataStore;
  secret: string;
  router: WorkspaceRouter;
}

const DEFAULT_WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ? privacyLoggerOptions() : false, bodyLimit: 1024 * 1024 });
  app.setErrorHandler(handleError);
  const { store, member } = options;
  const limits = options.rateLimits ?? DEFAULT_RATE_LIMITS;
  const authOptions = options.auth ?? { mode: 'open' };
  const auth = member
    ? { ...createAuthContext({ ...authOptions, workspace: member.id }, store.metadata, member.accounts), secret: member.secret }
    : createAuthContext({ ...authOptions, workspace: authOptions.workspace ?? DEFAULT_WORKSPACE }, store.metadata);
  const router = member ? member.router : options.workspaces ? hostWorkspaces(options, auth) : undefined;
  if (router && !member) {
    // First of all hooks: another workspace's request runs under that workspace's security and limits.
    app.addHook('onRequest', router.dispatch);
    app.addHook('onClose', async () => router.close());
  }
  await registerSecurity(app, limits);
  // Before any route: every route registered from here on gets the authorization hook.
  installAuthorization(app, auth);

  app.get('/api/v1/health', async (request) => {
    if (!grantsOf(identityOf(request)).includes('read')) return { status: 'ok' };
    const settings = await store.getSettings();
    return { status: 'ok', engine: store.engine, workspace: settings };
  });
  registerAccountRoutes(app, auth, limits === false ? DEFAULT_RATE_LIMITS : limits);
  registerUserRoutes(app, auth);
  registerShareLinkRoutes(app, store, auth);
  registerPrivacyRoutes(app, store, auth, { retentionJob: options.retentionJob ?? false });
  registerImportRoutes(app, store);
  registerAttributionRoutes(app, store);
  registerQueryRoutes(app, store);
  registerIngestRoutes(app, store, store.metadata, {
    ...options.ingest,
    ...(router && !member ? { pipelineForSite: (site: string) => router.pipelineForSite(site) } : {}),
  });
  registerWorkspaceRoutes(app, store, auth, router);
  registerKeyRoutes(app, auth);
  registerDashboardRoutes(app, store.metadata);
  registerGoalRoutes(app, store);
  registerAlertRoutes(app, store);
  registerInsightRoutes(app, store);
  registerReportRoutes(app, store);

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
  if (router && !member) await router.openAll();
  return app;
}

/** The router of a default workspace's app: each other workspace gets an app of its own. */
function hostWorkspaces(options: AppOptions, auth: AuthContext): WorkspaceRouter {
  const { secret } = auth;
  const hosting = options.workspaces as WorkspaceHosting;
  const accounts = options.store.metadata;
  const router: WorkspaceRouter = new WorkspaceRouter(
    options.store,
    accounts,
    secret,
    auth.keys,
    hosting,
    (id, store, ingestLogDir, onPipeline) =>
      buildApp({
        ...options,
        store,
        workspaces: undefined,
        member: { id, accounts, secret, router },
        // Never the default workspace's ingest log: each workspace's events go to its own (or none).
        ingest: { ...withoutLogDir(options.ingest), ...(ingestLogDir === undefined ? {} : { logDir: ingestLogDir }), onPipeline },
      }),
  );
  return router;
}

function withoutLogDir(ingest: IngestRouteOptions | undefined): IngestRouteOptions {
  const { logDir: _defaultWorkspaceLog, ...rest } = ingest ?? {};
  return rest;
}
