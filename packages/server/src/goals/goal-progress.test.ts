import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import { loadCrm } from '../metrics/fixture-crm.ts';
import { openTestStore } from '../metrics/test-fixtures.ts';
import type { Store } from '../store/store.ts';

// The Q1 2026 CRM fixture (metrics/fixture-crm.ts): leads a 01-10, b 01-20, e 03-05 (Paid Search);
// marketing spend 600 (01-10), 300 (02-10), 200 (03-11); sales spend 900 (03-10); customers a 02-20, c 03-25.
let store: Store;
let app: FastifyInstance;
beforeAll(async () => {
  store = await openTestStore();
  await loadCrm(store);
  app = await buildApp({ store, webRoot: '/nonexistent' });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

async function createGoal(body: Record<string, unknown>): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/goals', payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

async function progressAt(id: string, at: string) {
  const response = await app.inject({ method: 'GET', url: `/api/v1/goals/${id}?at=${encodeURIComponent(at)}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('goal progress and pace on the CRM fixture (hand-worked)', () => {
  // Each case: actual, elapsed share, run-rate projection and attainment, the recent window (the 7 days
  // from the local midnight 7 × 24 h before now), its value and the trend projection, and the pace.
  it.each([
    // Q1 is 90 days; at 02-15 00:00 45 are gone (e = 0.5); leads so far a, b = 2 → run rate 4 = target;
    // none in 02-08 … 02-14 → trend 2 + 0: the run rate reaches the target, the trend does not
    [
      'leads in Q1, target 4',
      { metric: 'leads', target: 4, period: 'quarter', from: '2026-01-01' },
      '2026-02-15T00:00:00Z',
      { actual: 2, share: 0.5, projected: 4, attainment: 1 },
      { from: '2026-02-08', to: '2026-02-16', value: 0, trend: 2, trendAttainment: 0.5 },
      'at_risk',
    ],
    // March, 10 of 31 days gone; Paid Search leads: e (03-05) → 1, run rate 3.1 vs 2;
    // e is also in 03-04 … 03-10 (7/31 of March): 1 + 1 / (7/31) × 21/31 = 4
    [
      'Paid Search leads in March, target 2',
      { metric: 'leads', target: 2, period: 'month', from: '2026-03-01', filter: { dimension: 'channel', value: 'Paid Search' } },
      '2026-03-11T00:00:00Z',
      { actual: 1, share: 10 / 31, projected: 3.1, attainment: 1.55 },
      { from: '2026-03-04', to: '2026-03-12', value: 1, trend: 4, trendAttainment: 2 },
      'on_track',
    ],
    // Marketing spend cap 1000 for Q1: 900 by 03-01 (59 of 90 days) → run rate 1372.88 (over the cap);
    // nothing spent 02-22 … 02-28 → trend 900 (under): one of two → at risk
    [
      'marketing spend cap 1000 in Q1',
      { metric: 'marketing_spend', target: 1000, period: 'quarter', from: '2026-02-10' },
      '2026-03-01T00:00:00Z',
      { actual: 900, share: 59 / 90, projected: (900 * 90) / 59, attainment: 1000 / ((900 * 90) / 59) },
      { from: '2026-02-22', to: '2026-03-02', value: 0, trend: 900, trendAttainment: 1000 / 900 },
      'at_risk',
    ],
    // CAC in March: (200 + 900) / 1 customer (c, 03-25) = 1100 vs 1000, lower is better: 0.909;
    // 03-24 … 03-31: nothing spent, c won → CAC 0 lately (reaches, attainment unbounded) → at risk
    [
      'CAC in March, target 1000',
      { metric: 'cac', target: 1000, period: 'month', from: '2026-03-01' },
      '2026-03-31T12:00:00Z',
      { actual: 1100, share: 30.5 / 31, projected: 1100, attainment: 1000 / 1100 },
      { from: '2026-03-24', to: '2026-04-01', value: 0, trend: 0, trendAttainment: null },
      'at_risk',
    ],
    // new customers custom period 02-01 … 03-01 (28 days), ended: a only → 1 of 2; no trend once over
    [
      'new customers in February, target 2',
      { metric: 'new_customers', target: 2, period: 'custom', from: '2026-02-01', to: '2026-03-01' },
      '2026-03-05T00:00:00Z',
      { actual: 1, share: 1, projected: 1, attainment: 0.5 },
      null,
      'off_track',
    ],
  ] as const)('%s', async (_name, goal, at, runRate, trend, pace) => {
    const id = await createGoal(goal);
    const { progress } = await progressAt(id, at);
    expect(progress.actual).toBeCloseTo(runRate.actual, 9);
    expect(progress.elapsedShare).toBeCloseTo(runRate.share, 9);
    expect(progress.projected).toBeCloseTo(runRate.projected, 6);
    expect(progress.attainment).toBeCloseTo(runRate.attainment, 9);
    if (trend === null) {
      expect(progress.recent).toBeUndefined();
      expect(progress.trendProjected).toBe(runRate.actual);
    } else {
      expect(progress.recent).toEqual({ from: trend.from, to: trend.to });
      expect(progress.trendProjected).toBeCloseTo(trend.trend, 6);
      if (trend.trendAttainment === null) expect(progress.trendAttainment).toBeNull();
      else expect(progress.trendAttainment).toBeCloseTo(trend.trendAttainment, 9);
    }
    expect(progress.pace).toBe(pace);
  });

  it('an ended period says whether it was achieved; before it starts it has not started', async () => {
    const id = await createGoal({ name: 'Q1 customers', metric: 'new_customers', target: 2, period: 'quarter', from: '2026-01-01' });
    expect((await progressAt(id, '2026-04-02T00:00:00Z')).progress).toMatchObject({ actual: 2, pace: 'on_track', achieved: true });
    expect((await progressAt(id, '2025-12-31T00:00:00Z')).progress).toMatchObject({ actual: null, pace: 'not_started' });
  });
});

describe('goals API', () => {
  it('creates, lists, patches and deletes a goal, normalising its period', async () => {
    const id = await createGoal({
      name: 'Ann revenue',
      metric: 'sales_revenue',
      target: 5000,
      period: 'month',
      from: '2026-03-17',
      filter: { dimension: 'owner', value: 'ann' },
    });
    const got = await app.inject({ method: 'GET', url: `/api/v1/goals/${id}` });
    expect(got.json()).toMatchObject({
      id,
      from: '2026-03-01',
      to: '2026-04-01',
      direction: 'up',
      filter: { dimension: 'owner', value: 'ann' },
    });
    const patched = await app.inject({ method: 'PATCH', url: `/api/v1/goals/${id}`, payload: { period: 'quarter', target: 15_000 } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ from: '2026-01-01', to: '2026-04-01', target: 15_000 });
    const list = await app.inject({ method: 'GET', url: '/api/v1/goals?at=2026-02-01T00:00:00Z' });
    expect(list.json().goals.find((g: { id: string }) => g.id === id).progress.pace).toBeDefined();
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/goals/${id}` })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/v1/goals/${id}` })).statusCode).toBe(404);
  });

  it.each([
    ['unknown metric', { metric: 'nope', target: 1, period: 'month', from: '2026-03-01' }, 'NS_ERR_UNKNOWN_METRIC'],
    ['table metric', { metric: 'pages_to_optimize', target: 1, period: 'month', from: '2026-03-01' }, 'NS_ERR_VALIDATION'],
    [
      'bad dimension',
      { metric: 'leads', target: 1, period: 'month', from: '2026-03-01', filter: { dimension: 'page', value: '/' } },
      'NS_ERR_UNKNOWN_DIMENSION',
    ],
    ['KPI without a direction', { metric: 'mobile_share', target: 0.5, period: 'month', from: '2026-03-01' }, 'NS_ERR_VALIDATION'],
    ['custom without to', { metric: 'leads', target: 1, period: 'custom', from: '2026-03-01' }, 'NS_ERR_VALIDATION'],
    ['extra field', { metric: 'leads', target: 1, period: 'month', from: '2026-03-01', sql: 'drop' }, 'NS_ERR_VALIDATION'],
    ['not an object', ['leads'], 'NS_ERR_VALIDATION'],
  ])('%s is a 400', async (_name, payload, code) => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/goals', payload: payload as object });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
  });

  it("a KPI without a direction takes the goal's own", async () => {
    const id = await createGoal({ metric: 'mobile_share', target: 0.5, period: 'month', from: '2026-03-01', direction: 'down' });
    expect((await app.inject({ method: 'GET', url: `/api/v1/goals/${id}` })).json().direction).toBe('down');
  });
});
