/**
 * Editing alert rules: a whole new version (PUT) or a partial change (PATCH), switching a rule off
 * and on, checked like a new rule; editors may edit, viewers may not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EnforcedApp, startEnforcedApp } from '../http/auth/test-identities.ts';
import { utc } from '../metrics/test-fixtures.ts';

let env: EnforcedApp;
const as = (name: string) => env.callers[name]?.headers ?? {};

beforeAll(async () => {
  env = await startEnforcedApp();
  // Four leads on 2026-03-10: a rule "leads above 2 per day" fires for that day.
  await env.store.insertRows(
    'contacts',
    ['c1', 'c2', 'c3', 'c4'].map((id) => ({ contact_id: id, created_at: utc('2026-03-10 10:00'), channel: 'Email' })),
  );
});
afterAll(async () => env?.close());

const threshold = { type: 'threshold', metric: 'leads', op: 'above', value: 2, grain: 'day' };
const email = [{ type: 'email', to: ['team@example.com'] }];

async function create(name: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await env.app.inject({
    method: 'POST',
    url: '/api/v1/alerts',
    headers: as('editor'),
    payload: { name, condition: threshold, channels: email, ...overrides },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

async function evaluate(at = '2026-03-11T08:00:00Z') {
  const response = await env.app.inject({ method: 'POST', url: '/api/v1/alerts/evaluate', headers: as('editor'), payload: { at } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { checked: number; fired: Array<{ ruleId: string }> };
}

describe('editing alert rules', () => {
  it('replaces a rule with PUT and keeps its id and creation time', async () => {
    const id = await create('Leads spike');
    const before = (await env.app.inject({ method: 'GET', url: `/api/v1/alerts/${id}`, headers: as('viewer') })).json();
    const condition = { type: 'anomaly', metric: 'sessions', grain: 'week', baselinePeriods: 8, sensitivity: 2.5, direction: 'down' };
    const put = await env.app.inject({
      method: 'PUT',
      url: `/api/v1/alerts/${id}`,
      headers: as('editor'),
      payload: { name: 'Sessions fell', enabled: true, condition, channels: [{ type: 'email', to: ['ops@example.com'] }] },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ id, name: 'Sessions fell', condition, channels: [{ type: 'email', to: ['ops@example.com'] }] });
    expect(put.json().createdAt).toBe(before.createdAt);
    const listed = (await env.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: as('viewer') })).json().alerts;
    expect(listed.filter((a: { id: string }) => a.id === id)).toHaveLength(1);
  });

  it('a disabled rule is not checked and does not fire; enabled again, it fires', async () => {
    const id = await create('Leads above 2');
    const off = await env.app.inject({ method: 'PATCH', url: `/api/v1/alerts/${id}`, headers: as('editor'), payload: { enabled: false } });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ id, enabled: false, condition: threshold });
    expect((await evaluate()).fired.map((f) => f.ruleId)).not.toContain(id);

    const on = await env.app.inject({ method: 'PATCH', url: `/api/v1/alerts/${id}`, headers: as('editor'), payload: { enabled: true } });
    expect(on.json().enabled).toBe(true);
    expect((await evaluate()).fired.map((f) => f.ruleId)).toContain(id);
    const history = await env.app.inject({ method: 'GET', url: `/api/v1/alerts/history?rule=${id}`, headers: as('viewer') });
    expect(history.json().events.map((e: { ruleId: string; period: string }) => [e.ruleId, e.period])).toEqual([[id, '2026-03-10']]);
  });

  it('renames with PATCH and leaves the rest as it was', async () => {
    const id = await create('Old name');
    const patched = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/alerts/${id}`,
      headers: as('editor'),
      payload: { name: 'New name' },
    });
    expect(patched.json()).toMatchObject({ name: 'New name', enabled: true, condition: threshold, channels: email });
  });

  it.each([
    ['an unknown field', { owner: 'me' }, 'NS_ERR_VALIDATION'],
    ['an empty name', { name: ' ' }, 'NS_ERR_VALIDATION'],
    ['enabled as a string', { enabled: 'no' }, 'NS_ERR_VALIDATION'],
    ['an unknown metric', { condition: { ...threshold, metric: 'nope' } }, 'NS_ERR_UNKNOWN_METRIC'],
    ['a private webhook', { channels: [{ type: 'webhook', url: 'http://192.168.1.5/hook' }] }, 'NS_ERR_BLOCKED_TARGET'],
    ['an email channel with no addresses and no default recipients', { channels: [{ type: 'email', to: [] }] }, 'NS_ERR_VALIDATION'],
  ])('a patch with %s is a 400 and changes nothing', async (_name, payload, code) => {
    const id = await create('Unchanged');
    const response = await env.app.inject({ method: 'PATCH', url: `/api/v1/alerts/${id}`, headers: as('editor'), payload });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe(code);
    const stored = (await env.app.inject({ method: 'GET', url: `/api/v1/alerts/${id}`, headers: as('viewer') })).json();
    expect(stored).toMatchObject({ name: 'Unchanged', enabled: true, condition: threshold, channels: email });
  });

  it('switches off a rule whose goal was deleted', async () => {
    const goal = await env.app.inject({
      method: 'POST',
      url: '/api/v1/goals',
      headers: as('editor'),
      payload: { metric: 'leads', target: 100, period: 'month', from: '2026-03-01' },
    });
    expect(goal.statusCode, goal.body).toBe(201);
    const id = await create('Leads goal off pace', { condition: { type: 'goal_pace', goalId: goal.json().id } });
    await env.app.inject({ method: 'DELETE', url: `/api/v1/goals/${goal.json().id}`, headers: as('editor') });
    const off = await env.app.inject({ method: 'PATCH', url: `/api/v1/alerts/${id}`, headers: as('editor'), payload: { enabled: false } });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().enabled).toBe(false);
    // Switching it on again checks the rule, and the goal is gone.
    const on = await env.app.inject({ method: 'PATCH', url: `/api/v1/alerts/${id}`, headers: as('editor'), payload: { enabled: true } });
    expect(on.statusCode).toBe(400);
  });

  it('shows webhook URLs (which hold chat secrets) to editors only; viewers and read keys see the origin', async () => {
    await env.app.inject({
      method: 'PUT',
      url: '/api/v1/alerts/settings',
      headers: as('admin'),
      payload: { allowPrivateTargets: true },
    });
    const secret = 'http://127.0.0.1:9/services/T000/B000/s3cr3t';
    const id = await create('Webhook', { channels: [{ type: 'webhook', url: secret }] });
    await evaluate();
    const channelsAs = async (caller: string) => {
      const one = (await env.app.inject({ method: 'GET', url: `/api/v1/alerts/${id}`, headers: as(caller) })).json();
      const all = (await env.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: as(caller) })).json().alerts;
      const history = (await env.app.inject({ method: 'GET', url: `/api/v1/alerts/history?rule=${id}`, headers: as(caller) })).json();
      return {
        one: one.channels[0].url,
        listed: all.find((a: { id: string }) => a.id === id).channels[0].url,
        delivered: history.events[0].deliveries[0].target,
      };
    };
    const hidden = { one: 'http://127.0.0.1:9/…', listed: 'http://127.0.0.1:9/…', delivered: 'http://127.0.0.1:9/…' };
    expect(await channelsAs('viewer')).toEqual(hidden);
    expect(await channelsAs('readKey')).toEqual(hidden);
    expect(await channelsAs('editor')).toEqual({ one: secret, listed: secret, delivered: secret });
  });

  it('answers 404 for a rule that does not exist and 400 for a malformed id', async () => {
    const missing = await env.app.inject({
      method: 'PATCH',
      url: '/api/v1/alerts/nope',
      headers: as('editor'),
      payload: { enabled: false },
    });
    expect(missing.statusCode).toBe(404);
    const bad = await env.app.inject({ method: 'PATCH', url: '/api/v1/alerts/a_b', headers: as('editor'), payload: { enabled: false } });
    expect(bad.statusCode).toBe(400);
  });

  it.each([
    ['viewer', 403],
    ['readKey', 403],
    ['anonymous', 401],
    ['otherAdmin', 403],
    ['editor', 200],
    ['admin', 200],
  ])('PATCH and PUT as %s → %d', async (caller, status) => {
    const id = await create('Roles');
    const patch = await env.app.inject({ method: 'PATCH', url: `/api/v1/alerts/${id}`, headers: as(caller), payload: { enabled: false } });
    expect(patch.statusCode, patch.body).toBe(status);
    const put = await env.app.inject({
      method: 'PUT',
      url: `/api/v1/alerts/${id}`,
      headers: as(caller),
      payload: { name: 'Roles, edited', condition: threshold, channels: email },
    });
    expect(put.statusCode, put.body).toBe(status);
    const stored = (await env.app.inject({ method: 'GET', url: `/api/v1/alerts/${id}`, headers: as('admin') })).json();
    expect(stored.name).toBe(status === 200 ? 'Roles, edited' : 'Roles');
  });
});
