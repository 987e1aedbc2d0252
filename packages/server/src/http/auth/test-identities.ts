/**
 * Test helpers: an enforced app with one user of each role, another workspace (its own in-memory
 * store) with its admin and admin key, API keys and a share link.
 */
import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../auth/api-keys.ts';
import type { Role } from '../../auth/roles.ts';
import { createUser } from '../../auth/users.ts';
import { DuckDbStore } from '../../store/duckdb/duckdb-store.ts';
import type { Store } from '../../store/store.ts';
import { WORKSPACE_HEADER } from '../../workspaces/workspace-router.ts';
import { buildApp } from '../app.ts';

export const TEST_SECRET = 'test-only-Vq8Xk2Lp9Rz4Wt6Nb1Hc3Md5Gf7Js0Ya';
export const PASSWORD = 'correct horse battery staple';
export const OTHER_WORKSPACE = 'other-team';

export interface Caller {
  name: string;
  headers: Record<string, string>;
}

export interface EnforcedApp {
  app: FastifyInstance;
  store: DuckDbStore;
  /** The stores of the other workspaces, by id, as the app opened them. */
  workspaceStores: Map<string, Store>;
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
  const workspaceStores = new Map<string, Store>();
  const app = await buildApp({
    store,
    webRoot: '/nonexistent',
    auth: { mode: 'enforced', secret: TEST_SECRET },
    rateLimits: false,
    workspaces: {
      open: async (id) => {
        const opened = await DuckDbStore.open({ path: ':memory:' });
        workspaceStores.set(id, opened);
        return { store: opened };
      },
    },
  });
  const users: [string, Role, string][] = [
    ['viewer', 'viewer', 'default'],
    ['editor', 'editor', 'default'],
    ['admin', 'admin', 'default'],
    ['otherAdmin', 'admin', OTHER_WORKSPACE],
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
  // The other workspace exists, with a store of its own (created by this workspace's admin).
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/workspaces',
    headers: callers.admin?.headers ?? {},
    payload: { name: 'Other team', id: OTHER_WORKSPACE },
  });
  if (created.statusCode !== 201) throw new Error(`creating the other workspace failed: ${created.body}`);
  const otherStore = workspaceStores.get(OTHER_WORKSPACE) as Store;
  const { key: otherKey } = await createApiKey(otherStore.metadata, 'admin');
  // Sent to this workspace by name, the other workspace's key must open nothing here.
  callers.otherAdminKey = { name: 'otherAdminKey', headers: { authorization: `Bearer ${otherKey}`, [WORKSPACE_HEADER]: 'default' } };
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
    workspaceStores,
    callers,
    dashboardId,
    shareToken,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
