/** Test helpers: an enforced app with one user of each role, another workspace's admin, API keys and a share link. */
import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../auth/api-keys.ts';
import type { Role } from '../../auth/roles.ts';
import { createUser } from '../../auth/users.ts';
import { DuckDbStore } from '../../store/duckdb/duckdb-store.ts';
import { buildApp } from '../app.ts';

export const TEST_SECRET = 'test-only-Vq8Xk2Lp9Rz4Wt6Nb1Hc3Md5Gf7Js0Ya';
export const PASSWORD = 'correct horse battery staple';

export interface Caller {
  name: string;
  headers: Record<string, string>;
}

export interface EnforcedApp {
  app: FastifyInstance;
  store: DuckDbStore;
  callers: Record<string, Caller>;
  dashboardId: string;
  shareToken: string;
  close(): Promise<void>;
}

export async function login(app: FastifyInstance, email: string, password = PASSWORD): Promise<Record<string, string>> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`login of ${email} failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'ns_session');
  return { cookie: `ns_session=${cookie?.value ?? ''}`, 'x-csrf-token': response.json().csrfToken as string };
}

export async function startEnforcedApp(): Promise<EnforcedApp> {
  const store = await DuckDbStore.open({ path: ':memory:' });
  const app = await buildApp({ store, webRoot: '/nonexistent', auth: { mode: 'enforced', secret: TEST_SECRET }, rateLimits: false });
  const users: [string, Role, string][] = [
    ['viewer', 'viewer', 'default'],
    ['editor', 'editor', 'default'],
    ['admin', 'admin', 'default'],
    ['otherAdmin', 'admin', 'other'],
  ];
  const callers: Record<string, Caller> = { anonymous: { name: 'anonymous', headers: {} } };
  for (const [name, role, workspace] of users) {
    await createUser(store.metadata, { email: `${name}@example.com`, password: PASSWORD, role, workspace, mustChangePassword: false });
    callers[name] = { name, headers: await login(app, `${name}@example.com`) };
  }
  for (const scope of ['ingest', 'read', 'admin'] as const) {
    const { key } = await createApiKey(store.metadata, scope);
    callers[`${scope}Key`] = { name: `${scope}Key`, headers: { authorization: `Bearer ${key}` } };
  }
  const admin = callers.admin?.headers ?? {};
  const dashboard = await app.inject({
    method: 'POST',
    url: '/api/v1/dashboards',
    headers: admin,
    payload: { name: 'Shared', tiles: [{ id: 't1', metric: 'sessions', viz: 'number', layout: { x: 0, y: 0, w: 3, h: 2 } }] },
  });
  const dashboardId = dashboard.json().id as string;
  const link = await app.inject({
    method: 'POST',
    url: '/api/v1/share-links',
    headers: admin,
    payload: { dashboardId, range: { mode: 'fixed', from: '2024-01-01', to: '2024-02-01' } },
  });
  const shareToken = link.json().token as string;
  callers.share = { name: 'share', headers: { authorization: `Bearer ${shareToken}` } };
  return {
    app,
    store,
    callers,
    dashboardId,
    shareToken,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
