import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { duePeriod, runDueReports } from './report-schedules.ts';

describe('due report period', () => {
  it.each([
    ['weekly', '2027-03-08T07:00:00Z', 'UTC', '2027-03-01', '2027-03-08'],
    ['weekly', '2027-03-10T07:00:00Z', 'UTC', '2027-03-01', '2027-03-08'],
    ['weekly', '2027-03-07T23:30:00Z', 'UTC', '2027-02-22', '2027-03-01'],
    ['weekly', '2027-03-07T23:30:00Z', 'Europe/Warsaw', '2027-03-01', '2027-03-08'], // already Monday there
    ['monthly', '2027-03-01T00:00:00Z', 'UTC', '2027-02-01', '2027-03-01'],
    ['monthly', '2027-01-15T12:00:00Z', 'UTC', '2026-12-01', '2027-01-01'],
  ] as const)('%s at %s in %s covers [%s, %s)', (frequency, now, tz, from, to) => {
    expect(duePeriod(frequency, new Date(now), tz)).toEqual({ from, to });
  });
});

describe('report schedules API', () => {
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

  it('creates, patches, lists and deletes a schedule', async () => {
    const dashboard = await app.inject({ method: 'POST', url: '/api/v1/dashboards', payload: { name: 'Weekly', tiles: [] } });
    const dashboardId = dashboard.json().id;
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { dashboardId, frequency: 'monthly', recipients: ['a@example.com'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ dashboardId, frequency: 'monthly', csv: true, enabled: true });
    const { id } = created.json();
    const patched = await app.inject({ method: 'PATCH', url: `/api/v1/reports/${id}`, payload: { frequency: 'weekly', csv: false } });
    expect(patched.json()).toMatchObject({ frequency: 'weekly', csv: false, recipients: ['a@example.com'] });
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports' })).json().reports).toHaveLength(1);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/reports/${id}` })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/v1/reports/${id}` })).statusCode).toBe(404);
  });

  it.each([
    [{ frequency: 'daily', recipients: ['a@example.com'] }],
    [{ frequency: 'weekly', recipients: [] }],
    [{ frequency: 'weekly', recipients: ['not an address'] }],
    [{ frequency: 'weekly', recipients: ['a@example.com'], cron: '* * * * *' }],
  ])('rejects %j', async (body) => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: { dashboardId: 'd1', ...body } });
    expect(response.statusCode).toBe(400);
  });
});

describe('a scheduled report that fails to render', () => {
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

  // It used to be rendered again on every jobs pass (every 60 s), failing each time.
  it('backs off instead of retrying every pass', async () => {
    const dashboard = await app.inject({ method: 'POST', url: '/api/v1/dashboards', payload: { name: 'Gone soon', tiles: [] } });
    const dashboardId = dashboard.json().id;
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { dashboardId, frequency: 'monthly', recipients: ['a@example.com'] },
    });
    const { id } = created.json();
    await app.inject({ method: 'DELETE', url: `/api/v1/dashboards/${dashboardId}` });
    // The schedule is made now (the store's clock), so run it at a month start well ahead.
    const t0 = Date.parse('2099-01-02T08:00:00Z');
    const at = (ms: number) => new Date(t0 + ms);

    const first = await runDueReports(store, at(0));
    expect(first.errors.map((e) => e.scheduleId)).toEqual([id]);
    expect(first.sent).toEqual([]);
    // 30 s later: waiting for its next attempt (1 min after the first failure), not rendered again.
    const waiting = await runDueReports(store, at(30_000));
    expect(waiting.errors).toEqual([]);
    expect(waiting.deferred).toEqual([{ scheduleId: id, nextAttemptAt: at(60_000).toISOString() }]);
    // After a minute it is tried again, fails again, and waits twice as long.
    const second = await runDueReports(store, at(60_000));
    expect(second.errors).toHaveLength(1);
    expect((await runDueReports(store, at(60_000 + 90_000))).deferred).toEqual([
      { scheduleId: id, nextAttemptAt: at(60_000 + 120_000).toISOString() },
    ]);
    // The schedule list shows the failure.
    const listed = (await app.inject({ method: 'GET', url: '/api/v1/reports' })).json().reports[0];
    expect(listed.lastFailure).toMatchObject({ attempts: 2, from: '2098-12-01', to: '2099-01-01' });
  });
});
