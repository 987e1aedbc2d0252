import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { buildApp } from './app.ts';

let store: DuckDbStore;
let app: FastifyInstance;
const T0 = Date.UTC(2026, 0, 10, 12);

beforeAll(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
  await store.insertRows('events', [
    {
      event_id: 'e1',
      site: 'default',
      timestamp: T0,
      type: 'pageview',
      visitor_id: 'v1',
      session_id: 's1',
      contact_id: 'c1',
      channel: 'Email',
    },
  ]);
  await store.refreshSessions();
  await store.insertRows('contacts', [{ contact_id: 'c1', created_at: T0 + 60_000 }]);
  await store.insertRows('deals', [
    { deal_id: 'd1', contact_id: 'c1', created_at: T0, closed_at: T0 + 86_400_000, status: 'won', amount: 700 },
  ]);
  app = await buildApp({ store, webRoot: '/nonexistent' });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('GET /api/v1/attribution', () => {
  it('credits a won deal to its only touch', async () => {
    const response = await app.inject({ url: '/api/v1/attribution?model=linear&from=2026-01-01&to=2026-02-01' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      model: 'linear',
      conversion: 'deal',
      rows: [{ channel: 'Email', conversions: 1, value: 700 }],
    });
  });

  it('compares several models side by side', async () => {
    const response = await app.inject({ url: '/api/v1/attribution?model=markov,shapley&conversion=lead&from=2026-01-01&to=2026-02-01' });
    expect(response.json().results.map((r: { model: string }) => r.model)).toEqual(['markov', 'shapley']);
  });

  it.each([
    ['model=magic', 400, "unknown attribution model 'magic'"],
    ['model=linear&conversion=signup', 400, 'conversion:'],
    ['model=linear&from=01-01-2026', 400, 'from must be a date (YYYY-MM-DD)'],
    ['model=linear&tz=Nowhere/City', 400, "unknown timezone 'Nowhere/City'"],
    ['model=linear&lookback=-3', 400, 'lookback:'],
    ['conversion=lead', 400, 'model:'],
  ])('%s is a clear 4xx', async (query, status, message) => {
    const response = await app.inject({ url: `/api/v1/attribution?${query}` });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.message).toContain(message);
  });
});

describe('POST /api/v1/attribution/paths', () => {
  it('reproduces the classic three-path Markov example', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/attribution/paths?model=markov',
      headers: { 'content-type': 'text/csv' },
      payload: 'path,conversions,nulls,value\nC1 > C2 > C3,1,0,100\nC1,0,1,0\nC2 > C3,0,1,0\n',
    });
    expect(response.statusCode).toBe(200);
    const credits = Object.fromEntries(
      response.json().rows.map((r: { channel: string; conversions: number }) => [r.channel, r.conversions]),
    );
    expect(credits.C1).toBeCloseTo(0.2, 12);
    expect(credits.C2).toBeCloseTo(0.4, 12);
    expect(credits.C3).toBeCloseTo(0.4, 12);
  });

  it('reports bad rows of a path summary with their row numbers', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/attribution/paths?model=linear',
      headers: { 'content-type': 'text/csv' },
      payload: 'path,conversions,nulls,value\nA > B,x,0,1\n',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.errors[0]).toMatchObject({ row: 1, column: 'conversions' });
  });
});
