import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../auth/api-keys.ts';
import { buildApp } from '../http/app.ts';
import { SALT_ID, visitorIdOf } from '../ingest/visitor-id.ts';
import type { MetadataStore } from '../meta/metadata-store.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { buildCollectorApp } from './collector-app.ts';
import { readOnlyMetadata } from './read-only-metadata.ts';

const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0';
const IP = '198.51.100.23';

let dir: string;
let store: DuckDbStore;
let clock: number;
let writes: string[];
let metadata: MetadataStore;
const apps: FastifyInstance[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'northstar-collector-'));
  store = await DuckDbStore.open({ path: join(dir, 'db.duckdb') });
  clock = Date.UTC(2026, 2, 1, 12, 0);
  writes = [];
  const meta = store.metadata;
  // Every write that reaches the metadata store, whoever makes it.
  metadata = {
    get: (c, id) => meta.get(c, id),
    list: (c) => meta.list(c),
    findBy: (c, f, v) => meta.findBy(c, f, v),
    put: (c, id, body) => {
      writes.push(`${c}/${id}`);
      return meta.put(c, id, body);
    },
    delete: (c, id) => {
      writes.push(`${c}/${id}`);
      return meta.delete(c, id);
    },
  };
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function collector(): Promise<FastifyInstance> {
  const app = await buildCollectorApp({
    store,
    metadata,
    logDir: join(dir, 'log'),
    shipIntervalMs: 20,
    trustProxy: true,
    now: () => clock,
  });
  apps.push(app);
  return app;
}

let counter = 0;
const collect = (app: FastifyInstance) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/collect',
    headers: { 'content-type': 'text/plain', 'user-agent': UA, 'x-forwarded-for': IP },
    payload: JSON.stringify({ site: 'acme', events: [{ id: `ev-${++counter}-xyz`, type: 'pageview', url: 'https://acme.example/' }] }),
  });

describe('northstar collector', () => {
  it("gives a visitor the server's id for the day, from the server's salt, and writes no metadata", async () => {
    const server = await buildApp({ store, webRoot: '/nonexistent', ingest: { commitIntervalMs: 2, trustProxy: true, now: () => clock } });
    apps.push(server);
    expect((await collect(server)).statusCode).toBe(200);
    const writesByServer = writes.length;
    const app = await collector();
    expect((await collect(app)).statusCode).toBe(200);
    await app.close();
    const rows = await store.query('SELECT visitor_id, count(*) AS n FROM events GROUP BY visitor_id');
    expect(rows.map((r) => [r.visitor_id, Number(r.n)])).toHaveLength(1);
    expect(Number(rows[0]?.n)).toBe(2);
    expect(writes.length).toBe(writesByServer);
  });

  it("uses the previous day's salt only for a grace period after midnight, then refuses with 503", async () => {
    await store.metadata.put('ingest', SALT_ID, { day: '2026-03-01', salt: 'salt-of-the-first' });
    clock = Date.UTC(2026, 2, 2, 0, 5);
    const app = await collector();
    expect((await collect(app)).statusCode).toBe(200);
    clock = Date.UTC(2026, 2, 2, 0, 20);
    const refused = await collect(app);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('30');
    expect(refused.json().error.code).toBe('NS_ERR_OVERLOADED');
    await store.metadata.put('ingest', SALT_ID, { day: '2026-03-02', salt: 'salt-of-the-second' });
    clock += 2000;
    expect((await collect(app)).statusCode).toBe(200);
    await app.close();
    const ids = (await store.query('SELECT DISTINCT visitor_id FROM events ORDER BY visitor_id')).map((r) => r.visitor_id);
    const expected = [visitorIdOf('salt-of-the-first', 'acme', IP, UA), visitorIdOf('salt-of-the-second', 'acme', IP, UA)].sort();
    expect(ids).toEqual(expected);
    expect(writes).toEqual([]);
  });

  it('takes events with an ingest key, ships them in the background and recognises its own retries', async () => {
    const { key } = await createApiKey(store.metadata, 'ingest');
    const app = await collector();
    const events = Array.from({ length: 20 }, (_, i) => ({
      event_id: `srv-${i}`,
      timestamp: '2026-03-01T11:59:00Z',
      type: 'custom',
      name: 'x',
      visitor_id: 'v1',
    }));
    const post = (authorization?: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        payload: JSON.stringify({ events }),
      });
    expect((await post()).statusCode).toBe(401);
    expect((await post(`Bearer ${key}`)).json()).toMatchObject({ received: 20, stored: 20, duplicates: 0 });
    expect((await post(`Bearer ${key}`)).json()).toMatchObject({ received: 20, stored: 0, duplicates: 20 });
    for (let i = 0; i < 100 && (await app.inject({ url: '/api/v1/health' })).json().unshipped > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await app.inject({ url: '/api/v1/health' })).json()).toMatchObject({ status: 'ok', role: 'collector', unshipped: 0 });
    expect(await store.count('events')).toBe(20);
    expect((await app.inject({ url: '/api/v1/metrics' })).statusCode).toBe(404);
    expect(writes).toEqual([]);
  });

  it('refuses metadata writes', async () => {
    await expect(readOnlyMetadata(metadata).put('api_keys', 'k', {})).rejects.toThrow('a collector does not write metadata');
    expect(writes).toEqual([]);
  });
});
