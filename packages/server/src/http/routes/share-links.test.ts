import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EnforcedApp, startEnforcedApp } from '../auth/test-identities.ts';

let env: EnforcedApp;
beforeAll(async () => {
  env = await startEnforcedApp();
});
afterAll(async () => env.close());

const share = (token: string, path = '', payload?: Record<string, unknown>) =>
  payload === undefined
    ? env.app.inject({ method: 'GET', url: `/api/v1/share/${token}${path}` })
    : env.app.inject({ method: 'POST', url: `/api/v1/share/${token}${path}`, payload });

describe('share links', () => {
  it('show one dashboard and the queries of its tiles, at the fixed range whatever the viewer asks', async () => {
    const view = await share(env.shareToken);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ dashboard: { name: 'Shared' }, range: { mode: 'fixed', from: '2024-01-01', to: '2024-02-01' } });
    expect(view.json().dashboard.id).toBeUndefined();
    const query = await share(env.shareToken, '/query', { tile: 't1', from: '2020-01-01', to: '2026-01-01' });
    expect(query.statusCode).toBe(200);
    expect(query.json().range).toEqual({ from: '2024-01-01', to: '2024-02-01' });
  });

  it('offer nothing else: no other tile, no free query, no metric, no extra field', async () => {
    expect((await share(env.shareToken, '/query', { tile: 'nope' })).statusCode).toBe(404);
    expect((await share(env.shareToken, '/query', { tile: 't1', metrics: ['revenue'] })).statusCode).toBe(400);
    const bearer = { authorization: `Bearer ${env.shareToken}` };
    expect(
      (await env.app.inject({ method: 'POST', url: '/api/v1/query', headers: bearer, payload: { metrics: ['revenue'] } })).statusCode,
    ).toBe(401);
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/dashboards/${env.dashboardId}`, headers: bearer })).statusCode).toBe(401);
    expect((await share(`${env.shareToken.slice(0, -1)}x`)).statusCode).toBe(404);
  });

  it('let viewers of an adjustable link pick dates within bounds', async () => {
    const admin = env.callers.admin?.headers ?? {};
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/v1/share-links',
      headers: admin,
      payload: { dashboardId: env.dashboardId, range: { mode: 'adjustable', from: '2024-01-01', to: '2024-02-01' } },
    });
    const { token } = created.json();
    expect((await share(token, '/query', { tile: 't1', from: '2024-03-01', to: '2024-04-01' })).json().range).toEqual({
      from: '2024-03-01',
      to: '2024-04-01',
    });
    expect((await share(token, '/query', { tile: 't1', from: '2010-01-01', to: '2024-04-01' })).statusCode).toBe(400);
    expect((await share(token, '/query', { tile: 't1', from: "2024-01-01' OR 1=1 --" })).statusCode).toBe(400);
  });

  it('stop working when revoked, and never list their tokens', async () => {
    const admin = env.callers.admin?.headers ?? {};
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/share-links', headers: admin });
    expect(list.body).not.toContain(env.shareToken);
    expect(list.body).not.toContain('digest');
    const [first] = list.json().links;
    const viewer = env.callers.viewer?.headers ?? {};
    expect((await env.app.inject({ method: 'DELETE', url: `/api/v1/share-links/${first.id}`, headers: viewer })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'DELETE', url: `/api/v1/share-links/${first.id}`, headers: admin })).statusCode).toBe(200);
    expect((await share(env.shareToken)).statusCode).toBe(404);
    expect((await share(env.shareToken, '/query', { tile: 't1' })).statusCode).toBe(404);
  });
});
