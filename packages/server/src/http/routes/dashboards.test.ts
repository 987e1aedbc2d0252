import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../store/duckdb/duckdb-store.ts';
import { buildApp } from '../app.ts';

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

const tile = (id: string, x = 0) => ({
  id,
  metric: 'sessions',
  viz: 'line',
  by: ['channel'],
  filters: [],
  layout: { x, y: 0, w: 6, h: 6 },
});

describe('dashboards API', () => {
  it('creates, reads, replaces, renames, lists and deletes a dashboard', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/dashboards', payload: { name: 'Weekly', tiles: [tile('a')] } });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    expect(created.json()).toMatchObject({ name: 'Weekly', tiles: [{ id: 'a', metric: 'sessions', viz: 'line' }] });

    const replaced = await app.inject({
      method: 'PUT',
      url: `/api/v1/dashboards/${id}`,
      payload: { name: 'Weekly', tiles: [tile('a'), tile('b', 6)] },
    });
    expect(replaced.json().tiles).toHaveLength(2);

    const renamed = await app.inject({ method: 'PATCH', url: `/api/v1/dashboards/${id}`, payload: { name: 'Monday review' } });
    expect(renamed.json()).toMatchObject({ name: 'Monday review', tiles: [{ id: 'a' }, { id: 'b' }] });

    const read = await app.inject({ method: 'GET', url: `/api/v1/dashboards/${id}` });
    expect(read.json().name).toBe('Monday review');
    const list = await app.inject({ method: 'GET', url: '/api/v1/dashboards' });
    expect(list.json().dashboards.map((d: { id: string }) => d.id)).toContain(id);

    expect((await app.inject({ method: 'DELETE', url: `/api/v1/dashboards/${id}` })).statusCode).toBe(204);
    const gone = await app.inject({ method: 'GET', url: `/api/v1/dashboards/${id}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('NS_ERR_NOT_FOUND');
  });

  it.each([
    ['an empty name', { name: ' ', tiles: [] }, 'name'],
    ['an unknown visualization', { name: 'x', tiles: [{ ...tile('a'), viz: 'pie' }] }, 'tiles.0.viz'],
    ['a metric that is not an id', { name: 'x', tiles: [{ ...tile('a'), metric: 'DROP TABLE events' }] }, 'tiles.0.metric'],
    ['a tile off the grid', { name: 'x', tiles: [{ ...tile('a'), layout: { x: 12, y: 0, w: 6, h: 6 } }] }, 'tiles.0.layout.x'],
    ['duplicate tile ids', { name: 'x', tiles: [tile('a'), tile('a')] }, 'tiles'],
    ['an unknown field', { name: 'x', tiles: [], owner: 'me' }, ''],
  ])('answers 400 with details for %s', async (_what, payload, path) => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/dashboards', payload });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('NS_ERR_VALIDATION');
    expect(error.details.issues[0].path).toBe(path);
  });

  it('answers 404 for an unknown dashboard and 400 for a malformed id', async () => {
    expect((await app.inject({ method: 'PUT', url: '/api/v1/dashboards/nope', payload: { name: 'x' } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/dashboards/a%20b' })).statusCode).toBe(400);
  });
});
