import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { Store } from '../store/store.ts';
import { buildApp } from './app.ts';

let store: Store;
let app: FastifyInstance;
beforeEach(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
  app = await buildApp({ store, webRoot: '/nonexistent' });
});
afterEach(async () => {
  await app.close();
  await store.close();
});

describe('GET /api/v1/health', () => {
  it('answers with the engine and workspace settings', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      engine: 'duckdb',
      workspace: { name: 'Northstar', timezone: 'UTC', currency: 'USD', attributionModel: 'last_non_direct' },
    });
  });
});

describe('POST /api/v1/import/:kind', () => {
  const csv = 'contact_id,stage,timestamp\nc1,lead,2026-03-01\nc2,bogus,2026-03-01\nc3,mql,2026-03-02';

  it('stores the valid rows and reports the bad ones', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/import/stages',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ rowsRead: 3, rowsValid: 2, rowsRejected: 1, inserted: 2 });
    expect(body.errors).toEqual([
      {
        row: 2,
        column: 'stage',
        reason: 'unknown stage "bogus"; expected one of lead, mql, sql, sal, opportunity, customer, lost, churned',
      },
    ]);
    expect(await store.count('stages')).toBe(2);
  });

  it('with strict=true answers 422 and stores nothing', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/import/stages?strict=true',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('NS_ERR_STRICT_IMPORT');
    expect(await store.count('stages')).toBe(0);
  });

  it('accepts JSON and gzip-compressed bodies', async () => {
    const json = JSON.stringify([{ contact_id: 'c9', stage: 'sql', timestamp: '2026-03-04T10:00:00Z' }]);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/import/stages',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(json),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ inserted: 1 });
  });

  it.each([
    ['unknown kind', '/api/v1/import/widgets', 'text/csv', 'a,b\n1,2', 404, 'NS_ERR_UNKNOWN_KIND'],
    ['unsupported content type', '/api/v1/import/stages', 'application/xml', '<a/>', 415, 'NS_ERR_UNSUPPORTED_FORMAT'],
    ['empty body', '/api/v1/import/stages', 'text/csv', '', 400, 'NS_ERR_EMPTY_FILE'],
    ['bad strict flag', '/api/v1/import/stages?strict=maybe', 'text/csv', csv, 400, 'NS_ERR_BAD_REQUEST'],
    ['malformed JSON', '/api/v1/import/stages', 'application/json', '[{"contact_id": "c1",', 400, 'NS_ERR_BAD_REQUEST'],
  ])('%s is a clear 4xx', async (_name, url, type, payload, status, code) => {
    const response = await app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(response.json().error.message).toEqual(expect.any(String));
  });

  it('a body that is not gzip despite its header is a 400, not a crash', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/import/stages',
      headers: { 'content-type': 'text/csv', 'content-encoding': 'gzip' },
      payload: 'contact_id,stage,timestamp\nc1,lead,2026-03-01',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/incorrect header check|gzip/i);
  });

  it('a malformed JSON array keeps nothing partial and the server keeps serving', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/import/stages',
      headers: { 'content-type': 'application/json' },
      payload: '[{"contact_id":',
    });
    const health = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(health.statusCode).toBe(200);
    expect(await store.count('stages')).toBe(0);
  });
});

describe('static dashboard', () => {
  it('serves a page at / even before the dashboard is built', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Northstar');
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NS_ERR_NOT_FOUND');
  });
});
