/**
 * Several workspaces in one server: each has its own data, keys, share links and members, and
 * nothing of one is reachable from another — by cookie, header, key, share token or site id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../auth/api-keys.ts';
import { createUser } from '../../auth/users.ts';
import type { Store } from '../../store/store.ts';
import { WORKSPACE_COOKIE, WORKSPACE_HEADER } from '../../workspaces/workspace-router.ts';
import { type EnforcedApp, login, OTHER_WORKSPACE, PASSWORD, startEnforcedApp } from '../auth/test-identities.ts';

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
let env: EnforcedApp;
let other: Store;
let defaultIngest: string;
let otherIngest: string;
let otherRead: string;

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const pageview = (id: string, visitor: string) => ({
  event_id: id,
  timestamp: minutesAgo(30),
  type: 'pageview',
  visitor_id: visitor,
  url: 'https://shop.example/',
  user_agent: CHROME,
});

async function send(key: string, events: unknown[], headers: Record<string, string> = {}) {
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    payload: JSON.stringify({ events }),
  });
}

async function visitors(headers: Record<string, string>) {
  const response = await env.app.inject({
    method: 'POST',
    url: '/api/v1/query',
    headers,
    payload: { metrics: ['visitors'], from: minutesAgo(24 * 60).slice(0, 10), to: minutesAgo(-24 * 60).slice(0, 10), grain: 'all' },
  });
  return { status: response.statusCode, value: response.statusCode === 200 ? response.json().rows[0]?.visitors : undefined };
}

const ids = async (store: Store) => (await store.query('SELECT visitor_id FROM events ORDER BY 1')).map((r) => r.visitor_id);

beforeAll(async () => {
  env = await startEnforcedApp();
  other = env.workspaceStores.get(OTHER_WORKSPACE) as Store;
  defaultIngest = (await createApiKey(env.store.metadata, 'ingest')).key;
  otherIngest = (await createApiKey(other.metadata, 'ingest')).key;
  otherRead = (await createApiKey(other.metadata, 'read')).key;
  expect((await send(defaultIngest, [pageview('d1', 'dv1'), pageview('d2', 'dv2')])).statusCode).toBe(200);
  expect((await send(otherIngest, [pageview('o1', 'ov1')])).statusCode).toBe(200);
  // Visitors are counted from sessions, which the pipeline rebuilds within a second of the commit.
  await settled({ authorization: `Bearer ${otherRead}` }, 1);
  await settled(env.callers.readKey?.headers ?? {}, 2);
});

async function settled(headers: Record<string, string>, expected: number): Promise<void> {
  for (let i = 0; i < 100 && (await visitors(headers)).value !== expected; i++) await new Promise((r) => setTimeout(r, 100));
}
afterAll(async () => env.close());

describe('workspaces', () => {
  it('stores each key’s events in its own workspace only', async () => {
    expect(await ids(env.store)).toEqual(['dv1', 'dv2']);
    expect(await ids(other)).toEqual(['ov1']);
  });

  it('answers queries from the workspace the caller chose, and only where they hold a role', async () => {
    const admin = env.callers.admin?.headers ?? {};
    const otherAdmin = env.callers.otherAdmin?.headers ?? {};
    expect(await visitors(admin)).toEqual({ status: 200, value: 2 });
    // The default workspace's admin created the other one, so is its admin too.
    expect(await visitors({ ...admin, cookie: `${admin.cookie}; ${WORKSPACE_COOKIE}=${OTHER_WORKSPACE}` })).toEqual({
      status: 200,
      value: 1,
    });
    expect(await visitors({ ...otherAdmin, [WORKSPACE_HEADER]: OTHER_WORKSPACE })).toEqual({ status: 200, value: 1 });
    // Without a role in the default workspace: refused there, by cookie default or by header.
    expect((await visitors(otherAdmin)).status).toBe(403);
    expect((await visitors({ ...otherAdmin, [WORKSPACE_HEADER]: 'default' })).status).toBe(403);
    // A viewer of the default workspace cannot choose their way into the other one.
    const viewer = env.callers.viewer?.headers ?? {};
    expect((await visitors({ ...viewer, cookie: `${viewer.cookie}; ${WORKSPACE_COOKIE}=${OTHER_WORKSPACE}` })).status).toBe(403);
    expect((await visitors({ ...viewer, [WORKSPACE_HEADER]: 'nope-none' })).status).toBe(404);
  });

  it('lets a key open its own workspace only', async () => {
    expect(await visitors({ authorization: `Bearer ${otherRead}` })).toEqual({ status: 200, value: 1 });
    expect((await visitors({ authorization: `Bearer ${otherRead}`, [WORKSPACE_HEADER]: 'default' })).status).toBe(401);
    const readKey = env.callers.readKey?.headers ?? {};
    expect(await visitors(readKey)).toEqual({ status: 200, value: 2 });
    expect((await visitors({ ...readKey, [WORKSPACE_HEADER]: OTHER_WORKSPACE })).status).toBe(401);
    // An ingest key sent to the other workspace by name stores nothing there.
    expect((await send(defaultIngest, [pageview('x1', 'xv1')], { [WORKSPACE_HEADER]: OTHER_WORKSPACE })).statusCode).toBe(401);
    expect(await ids(other)).toEqual(['ov1']);
  });

  it('opens a share link in the workspace that issued it, showing that workspace’s figures', async () => {
    const admin = { ...(env.callers.admin?.headers ?? {}), [WORKSPACE_HEADER]: OTHER_WORKSPACE };
    const dashboard = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dashboards',
      headers: admin,
      payload: { name: 'Other board', tiles: [{ id: 't1', metric: 'visitors', viz: 'number', layout: { x: 0, y: 0, w: 3, h: 2 } }] },
    });
    expect(dashboard.statusCode).toBe(201);
    const from = minutesAgo(24 * 60).slice(0, 10);
    const to = minutesAgo(-24 * 60).slice(0, 10);
    const link = await env.app.inject({
      method: 'POST',
      url: '/api/v1/share-links',
      headers: admin,
      payload: { dashboardId: dashboard.json().id, range: { mode: 'fixed', from, to } },
    });
    expect(link.statusCode).toBe(201);
    const token = link.json().token as string;
    const shared = await env.app.inject({ method: 'GET', url: `/api/v1/share/${token}` });
    expect(shared.statusCode).toBe(200);
    expect(JSON.stringify(shared.json())).toContain('Other board');
    const tile = await env.app.inject({ method: 'POST', url: `/api/v1/share/${token}/query`, payload: { tile: 't1' } });
    expect(tile.statusCode).toBe(200);
    expect(tile.json().rows[0].visitors).toBe(1);
    // The default workspace's link still opens the default workspace's dashboard.
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/share/${env.shareToken}` })).statusCode).toBe(200);
    // Forced to the default workspace, the other workspace's token is unknown.
    expect(
      (await env.app.inject({ method: 'GET', url: `/api/v1/share/${token}`, headers: { [WORKSPACE_HEADER]: 'default' } })).statusCode,
    ).toBe(404);
  });

  it('collects a registered site into its workspace and any other site into the default one', async () => {
    const admin = { ...(env.callers.admin?.headers ?? {}), [WORKSPACE_HEADER]: OTHER_WORKSPACE };
    const site = await env.app.inject({
      method: 'POST',
      url: '/api/v1/sites',
      headers: admin,
      payload: { site: 'other-shop', name: 'Shop' },
    });
    expect(site.statusCode).toBe(201);
    // A site id belongs to one workspace.
    const again = await env.app.inject({
      method: 'POST',
      url: '/api/v1/sites',
      headers: env.callers.admin?.headers ?? {},
      payload: { site: 'other-shop' },
    });
    expect(again.statusCode).toBe(409);
    const listed = await env.app.inject({ method: 'GET', url: '/api/v1/sites', headers: admin });
    expect(listed.json().sites.map((s: { id: string }) => s.id)).toEqual(['other-shop']);
    const collect = (siteId: string, id: string) =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/collect',
        headers: { 'content-type': 'text/plain', 'user-agent': CHROME },
        payload: JSON.stringify({ site: siteId, events: [{ id, type: 'pageview', url: 'https://other-shop.example/' }] }),
      });
    expect((await collect('other-shop', 'c-other-1')).statusCode).toBe(200);
    expect((await collect('unregistered', 'c-default-1')).statusCode).toBe(200);
    const sites = async (store: Store) =>
      (await store.query("SELECT DISTINCT site FROM events WHERE site IN ('other-shop', 'unregistered') ORDER BY 1")).map((r) => r.site);
    expect(await sites(other)).toEqual(['other-shop']);
    expect(await sites(env.store)).toEqual(['unregistered']);
  });

  it('lists each user’s own workspaces and lets only admins create one', async () => {
    const list = async (headers: Record<string, string>) =>
      (await env.app.inject({ method: 'GET', url: '/api/v1/workspaces', headers })).json() as {
        current: string;
        workspaces: { id: string; role: string | null }[];
      };
    const otherAdmin = env.callers.otherAdmin?.headers ?? {};
    expect((await list(otherAdmin)).workspaces).toEqual([expect.objectContaining({ id: OTHER_WORKSPACE, role: 'admin' })]);
    expect((await list(env.callers.viewer?.headers ?? {})).workspaces.map((w) => [w.id, w.role])).toEqual([['default', 'viewer']]);
    expect((await list({})).workspaces).toEqual([]);
    expect((await list({ authorization: `Bearer ${otherRead}` })).current).toBe(OTHER_WORKSPACE);

    const create = (headers: Record<string, string>, payload: unknown) =>
      env.app.inject({ method: 'POST', url: '/api/v1/workspaces', headers, payload: payload as Record<string, unknown> });
    expect((await create(env.callers.editor?.headers ?? {}, { name: 'Mine' })).statusCode).toBe(403);
    const { cookie } = otherAdmin;
    expect((await create({ cookie: cookie ?? '', [WORKSPACE_HEADER]: OTHER_WORKSPACE }, { name: 'No CSRF' })).statusCode).toBe(403);
    expect((await create(otherAdmin, { name: '' })).statusCode).toBe(403);
    const bad = await create({ ...otherAdmin, [WORKSPACE_HEADER]: OTHER_WORKSPACE }, { name: 'Bad', id: 'Bad Id!' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('workspace id');
    const made = await create({ ...otherAdmin, [WORKSPACE_HEADER]: OTHER_WORKSPACE }, { name: 'Łódź Marketing' });
    expect(made.statusCode).toBe(201);
    expect(made.json().workspace).toMatchObject({ id: 'lodz-marketing', name: 'Łódź Marketing', role: 'admin' });
    expect((await create({ ...otherAdmin, [WORKSPACE_HEADER]: OTHER_WORKSPACE }, { name: 'Łódź Marketing' })).json().workspace.id).toBe(
      'lodz-marketing-2',
    );
    expect((await create({ ...otherAdmin, [WORKSPACE_HEADER]: OTHER_WORKSPACE }, { name: 'Дзен', id: 'other-team' })).statusCode).toBe(409);
    // The new workspace starts empty.
    expect(await visitors({ ...otherAdmin, [WORKSPACE_HEADER]: 'lodz-marketing' })).toEqual({ status: 200, value: 0 });
  });

  it('keeps members per workspace: an invite there gives a role there only', async () => {
    const admin = { ...(env.callers.admin?.headers ?? {}), [WORKSPACE_HEADER]: OTHER_WORKSPACE };
    const invite = await env.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { email: 'viewer@example.com', role: 'editor' },
    });
    expect(invite.statusCode).toBe(201);
    const viewer = await login(env.app, 'viewer@example.com', PASSWORD);
    expect((await visitors({ ...viewer, [WORKSPACE_HEADER]: OTHER_WORKSPACE })).status).toBe(200);
    // Still a viewer at home: editing there is refused.
    const edit = await env.app.inject({ method: 'POST', url: '/api/v1/dashboards', headers: viewer, payload: { name: 'x', tiles: [] } });
    expect(edit.statusCode).toBe(403);
    const users = await env.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin });
    expect(
      users
        .json()
        .users.map((u: { email: string; role: string }) => [u.email, u.role])
        .sort(),
    ).toEqual([
      ['admin@example.com', 'admin'],
      ['otheradmin@example.com', 'admin'],
      ['viewer@example.com', 'editor'],
    ]);
    await createUser(env.store.metadata, {
      email: 'solo@example.com',
      password: PASSWORD,
      role: 'viewer',
      workspace: 'lodz-marketing',
      mustChangePassword: false,
    });
    const solo = await login(env.app, 'solo@example.com');
    expect((await visitors(solo)).status).toBe(403);
  });

  it('audits a change in the workspace where it was made only', async () => {
    const actions = async (store: Store) =>
      (await store.metadata.list<{ action: string; actor: { label: string | null } }>('audit_log')).map((d) => d.body);
    const before = (await actions(env.store)).length;
    const made = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dashboards',
      headers: { ...(env.callers.admin?.headers ?? {}), [WORKSPACE_HEADER]: OTHER_WORKSPACE },
      payload: { name: 'Audited', tiles: [] },
    });
    expect(made.statusCode).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await actions(env.store)).length).toBe(before);
    // Handed over before any of the default app's hooks or handlers: nothing was made here.
    const names = async (store: Store) => (await store.metadata.list<{ name: string }>('dashboards')).map((d) => d.body.name);
    expect(await names(env.store)).not.toContain('Audited');
    expect(await names(other)).toContain('Audited');
    expect((await actions(other)).at(-1)).toMatchObject({ action: 'POST /api/v1/dashboards', actor: { label: 'admin@example.com' } });
  });

  it('erases a visitor in the chosen workspace only', async () => {
    await send(defaultIngest, [pageview('d9', 'ov1')]);
    const erased = await env.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/erase',
      headers: { ...(env.callers.otherAdmin?.headers ?? {}), [WORKSPACE_HEADER]: OTHER_WORKSPACE },
      payload: { visitorId: 'ov1' },
    });
    expect(erased.statusCode).toBe(200);
    expect(await ids(other)).not.toContain('ov1');
    expect((await ids(other)).length).toBe(1); // the tracker's visitor of 'other-shop'
    expect(await ids(env.store)).toContain('ov1');
  });
});
