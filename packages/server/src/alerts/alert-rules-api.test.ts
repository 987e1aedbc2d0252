import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';

let store: DuckDbStore;
let app: FastifyInstance;
beforeAll(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
  app = await buildApp({ store, webRoot: '/nonexistent' });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const email = [{ type: 'email', to: ['team@example.com'] }];
const threshold = { type: 'threshold', metric: 'cac', op: 'above', value: 500, grain: 'week' };

describe('alert rules API', () => {
  it('creates, reads, patches, lists and deletes a rule', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/alerts',
      payload: { name: 'CAC too high', condition: threshold, channels: email },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json();
    expect(created.json()).toMatchObject({ name: 'CAC too high', enabled: true, condition: threshold });
    const patched = await app.inject({ method: 'PATCH', url: `/api/v1/alerts/${id}`, payload: { enabled: false } });
    expect(patched.json()).toMatchObject({ enabled: false, condition: threshold });
    expect((await app.inject({ method: 'GET', url: '/api/v1/alerts' })).json().alerts.map((a: { id: string }) => a.id)).toContain(id);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/alerts/${id}` })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/v1/alerts/${id}` })).statusCode).toBe(404);
  });

  it.each([
    ['unknown metric', { condition: { ...threshold, metric: 'nope' } }, 'NS_ERR_UNKNOWN_METRIC'],
    ['table metric', { condition: { ...threshold, metric: 'top_entry_pages' } }, 'NS_ERR_VALIDATION'],
    ['dimension the KPI lacks', { condition: { ...threshold, filter: { dimension: 'page', value: '/' } } }, 'NS_ERR_UNKNOWN_DIMENSION'],
    ['unknown goal', { condition: { type: 'goal_pace', goalId: 'missing' } }, 'NS_ERR_VALIDATION'],
    ['sensitivity 0', { condition: { type: 'anomaly', metric: 'sessions', sensitivity: 0 } }, 'NS_ERR_VALIDATION'],
    ['baseline too short', { condition: { type: 'anomaly', metric: 'sessions', baselinePeriods: 2 } }, 'NS_ERR_VALIDATION'],
    ['hourly grain', { condition: { ...threshold, grain: 'hour' } }, 'NS_ERR_VALIDATION'],
    ['no channel', { channels: [] }, 'NS_ERR_VALIDATION'],
    [
      'metadata-service webhook',
      { channels: [{ type: 'webhook', url: 'http://169.254.169.254/latest/meta-data' }] },
      'NS_ERR_BLOCKED_TARGET',
    ],
    ['private webhook', { channels: [{ type: 'webhook', url: 'http://10.0.0.7:8080/hook' }] }, 'NS_ERR_BLOCKED_TARGET'],
    ['loopback webhook by number', { channels: [{ type: 'webhook', url: 'http://2130706433/' }] }, 'NS_ERR_BLOCKED_TARGET'],
  ])('%s is a 400', async (_name, override, code) => {
    const payload = { name: 'rule', condition: threshold, channels: email, ...override };
    const response = await app.inject({ method: 'POST', url: '/api/v1/alerts', payload });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe(code);
  });

  it('validates evaluation and history requests', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/alerts/evaluate', payload: { at: 'yesterday' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/alerts/history?limit=0' })).statusCode).toBe(400);
    const empty = await app.inject({ method: 'POST', url: '/api/v1/alerts/evaluate', payload: {} });
    expect(empty.json()).toEqual({ checked: 0, fired: [], errors: [], delivery: { attempted: 0, delivered: 0, failed: 0, retrying: 0 } });
  });

  it.each([
    ['127.0.0.1', false, 400],
    ['localhost', false, 400],
    ['192.168.1.20', false, 400],
    ['127.0.0.1', true, 200],
    ['smtp.invalid', false, 200], // does not resolve now: checked again at each delivery
  ])('SMTP host %s with private targets %s → %d', async (host, allowPrivateTargets, status) => {
    const response = await app.inject({
      method: 'PUT',
      url: '/api/v1/alerts/settings',
      payload: { smtp: { host, from: 'n@example.com' }, allowPrivateTargets },
    });
    expect(response.statusCode, response.body).toBe(status);
    if (status === 400) expect(response.json().error.code).toBe('NS_ERR_BLOCKED_TARGET');
  });

  it('accepts a webhook host that does not resolve now', async () => {
    const payload = { name: 'r', condition: threshold, channels: [{ type: 'webhook', url: 'https://hooks.invalid/x' }] };
    expect((await app.inject({ method: 'POST', url: '/api/v1/alerts', payload })).statusCode).toBe(201);
  });

  it('never shows the SMTP password', async () => {
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/alerts/settings',
      payload: { smtp: { host: 'smtp.example.com', username: 'u', password: 'secret', from: 'n@example.com' } },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.body).not.toContain('secret');
    expect(put.json()).toMatchObject({ allowPrivateTargets: false, smtp: { host: 'smtp.example.com', port: 587, passwordSet: true } });
    // Sent back without the password: the stored one stays.
    const again = await app.inject({
      method: 'PUT',
      url: '/api/v1/alerts/settings',
      payload: { smtp: { host: 'smtp.example.com', from: 'n@example.com' } },
    });
    expect(again.json().smtp.passwordSet).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/api/v1/alerts/settings' })).body).not.toContain('secret');
  });
});
