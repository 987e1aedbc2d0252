import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { buildApp } from './app.ts';

let store: DuckDbStore;
let app: FastifyInstance;
const day = (d: number, h = 10) => Date.UTC(2026, 2, d, h);

beforeAll(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
  const ev = (id: string, visitor: string, t: number, type: string, channel: string | null, name: string | null = null) => ({
    event_id: id,
    site: 'default',
    timestamp: t,
    type,
    name,
    visitor_id: visitor,
    session_id: `${visitor}-${t}`,
    session_derived: false,
    path: '/',
    channel,
    device: 'desktop',
  });
  // Two sessions on March 2 (Email converts via a signup goal), one on March 3 (Direct).
  await store.insertRows('events', [
    ev('e1', 'v1', day(2), 'pageview', 'Email'),
    { ...ev('e2', 'v1', day(2), 'goal', null, 'signup'), timestamp: day(2) + 60_000, session_id: `v1-${day(2)}` },
    ev('e3', 'v2', day(2, 11), 'pageview', 'Direct'),
    ev('e4', 'v2', day(3), 'pageview', 'Direct'),
  ]);
  await store.refreshSessions();
  app = await buildApp({ store, webRoot: '/nonexistent' });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('POST /api/v1/query', () => {
  it('answers KPIs by grain and dimension in the documented shape', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/query',
      payload: { metrics: ['sessions', 'conversion_rate'], from: '2026-03-01', to: '2026-03-05', grain: 'day', by: ['channel'] },
    });
    expect(response.statusCode).toBe(200);
    const rows = response.json().rows as Array<Record<string, unknown>>;
    expect(rows).toContainEqual({ period: '2026-03-02', channel: 'Email', sessions: 1, conversion_rate: 1 });
    expect(rows).toContainEqual({ period: '2026-03-02', channel: 'Direct', sessions: 1, conversion_rate: 0 });
    expect(rows).toContainEqual({ period: '2026-03-03', channel: 'Direct', sessions: 1, conversion_rate: 0 });
  });

  it('omits period at grain all and adds the previous period', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/query',
      payload: { metrics: 'sessions', from: '2026-03-03', to: '2026-03-04', compare: 'previous' },
    });
    // Current: March 3 (1 session); previous: March 2 (2 sessions).
    expect(response.json().rows).toEqual([{ sessions: 1, sessions_previous: 2 }]);
  });

  it.each([
    [{ metrics: 'sessionz' }, "unknown metric 'sessionz'"],
    [{ metrics: 'sessions', by: 'owner' }, "dimension 'owner' not allowed for metric 'sessions'"],
    [{ metrics: 'sessions', from: '2026-02-30' }, "'from'"],
    [{ metrics: 'sessions', tz: 'Mars/Base' }, "unknown timezone 'Mars/Base'"],
    [{ metrics: 'sessions', sql: 'DROP TABLE events' }, 'sql'],
  ])('%j is a 400 naming the problem', async (payload, message) => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/query', payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain(message);
  });
});

describe('GET /api/v1/metrics and custom metrics', () => {
  it('lists the catalog with units and directions', async () => {
    const response = await app.inject({ url: '/api/v1/metrics' });
    const cac = response.json().metrics.find((m: { id: string }) => m.id === 'cac');
    expect(cac).toMatchObject({ unit: 'money', direction: 'down' });
  });

  it('saves a custom metric, queries it, and rejects a bad one naming the field', async () => {
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/v1/custom-metrics/signups',
      payload: { name: 'Signups', unit: 'count', direction: 'up', count: { event_type: 'goal', name: 'signup' } },
    });
    expect(saved.statusCode).toBe(200);
    const query = await app.inject({
      method: 'POST',
      url: '/api/v1/query',
      payload: { metrics: 'signups', from: '2026-03-01', to: '2026-03-05' },
    });
    expect(query.json().rows).toEqual([{ signups: 1 }]);
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/custom-metrics/broken',
      payload: { name: 'Broken', formula: 'sessions / nothing' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('formula');
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/custom-metrics/signups' })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/custom-metrics/signups' })).statusCode).toBe(404);
  });
});

describe('POST /api/v1/query/batch', () => {
  it('answers each query as /query would, and a bad one with its own error', async () => {
    const good = { metrics: ['sessions'], from: '2026-03-01', to: '2026-03-05', by: ['channel'] };
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/query/batch',
      payload: { queries: [good, { metrics: ['no_such_kpi'] }, { metrics: 'sessions', from: '2026-03-03', to: '2026-03-04' }] },
    });
    expect(response.statusCode).toBe(200);
    const [first, bad, third] = response.json().results;
    const single = await app.inject({ method: 'POST', url: '/api/v1/query', payload: good });
    expect(first).toEqual(single.json());
    expect(bad).toMatchObject({ status: 400, error: { code: 'NS_ERR_UNKNOWN_METRIC' } });
    expect(third.rows).toEqual([{ sessions: 1 }]);
  });

  it('refuses an empty batch and one past the limit', async () => {
    const empty = await app.inject({ method: 'POST', url: '/api/v1/query/batch', payload: { queries: [] } });
    expect(empty.statusCode).toBe(400);
    const queries = Array.from({ length: 51 }, () => ({ metrics: ['sessions'] }));
    const many = await app.inject({ method: 'POST', url: '/api/v1/query/batch', payload: { queries } });
    expect(many.statusCode).toBe(400);
  });
});
