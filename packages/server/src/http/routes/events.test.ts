import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../../auth/api-keys.ts';
import { DuckDbStore } from '../../store/duckdb/duckdb-store.ts';
import { buildApp } from '../app.ts';

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
let store: DuckDbStore;
let app: FastifyInstance;
let key: string;

beforeEach(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
  app = await buildApp({ store, webRoot: '/nonexistent', ingest: { commitIntervalMs: 2, sessionRefreshMs: 50 } });
  key = (await createApiKey(store.metadata, 'ingest')).key;
});
afterEach(async () => {
  await app.close();
  await store.close();
});

function post(payload: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
  });
}

const at = (minutes: number) => new Date(Date.now() - 20 * 60_000 + minutes * 60_000).toISOString();

function pageview(id: string, extra: Record<string, unknown> = {}) {
  return { event_id: id, timestamp: at(0), type: 'pageview', visitor_id: 'v1', url: 'https://shop.example/', user_agent: CHROME, ...extra };
}

describe('POST /api/v1/events', () => {
  it('needs an ingest key', async () => {
    const none = await app.inject({ method: 'POST', url: '/api/v1/events', payload: pageview('e1') });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('NS_ERR_UNAUTHORIZED');
    const read = (await createApiKey(store.metadata, 'read')).key;
    expect((await post(pageview('e1'), { authorization: `Bearer ${read}` })).statusCode).toBe(403);
    expect(await store.count('events')).toBe(0);
  });

  it('stores a single event, enriched, and answers after the commit', async () => {
    const response = await post(pageview('e1', { url: 'https://shop.example/?utm_source=newsletter&utm_medium=email' }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: 1, stored: 1, duplicates: 0, bots: 0, rejected: 0, errors: [] });
    const [row] = await store.query('SELECT channel, device, browser, session_id, session_derived FROM events');
    expect(row).toMatchObject({
      channel: 'Email',
      device: 'desktop',
      browser: 'Chrome',
      session_id: expect.stringMatching(/^v1:\d+$/),
      session_derived: true,
    });
  });

  it('stores the good events of a batch and reports each bad one by index, field and reason', async () => {
    const response = await post({
      events: [
        pageview('e1'),
        { ...pageview('e2'), timestamp: 'yesterday' },
        'nope',
        { ...pageview('e4'), type: 'goal' },
        pageview('e5', { user_agent: 'Googlebot/2.1 (+http://www.google.com/bot.html)' }),
      ],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      received: 5,
      stored: 1,
      duplicates: 0,
      bots: 1,
      rejected: 3,
      errors: [
        { index: 1, field: 'timestamp', reason: 'is not an ISO 8601 timestamp: "yesterday"' },
        { index: 2, field: '', reason: 'must be a JSON object, got string' },
        { index: 3, field: 'name', reason: 'is required for goal events' },
      ],
    });
    expect(await store.count('events')).toBe(1);
  });

  it('answers 400 with every error when no event is valid', async () => {
    const response = await post({ events: [{ type: 'pageview' }] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'NS_ERR_VALIDATION',
      details: {
        errors: [
          { index: 0, field: 'event_id', reason: 'is required' },
          { index: 0, field: 'timestamp', reason: 'is required' },
        ],
      },
    });
  });

  it('stores a retried batch once', async () => {
    const batch = { events: [pageview('e1'), pageview('e2', { timestamp: at(1) })] };
    expect((await post(batch)).json()).toMatchObject({ stored: 2, duplicates: 0 });
    expect((await post(batch)).json()).toMatchObject({ stored: 0, duplicates: 2 });
    expect(await store.count('events')).toBe(2);
  });

  it('accepts gzip and caps the decompressed size', async () => {
    const ok = await post(gzipSync(JSON.stringify(pageview('e1'))), { 'content-encoding': 'gzip' });
    expect(ok.statusCode).toBe(200);
    const bomb = gzipSync(Buffer.alloc(5 * 1024 * 1024, 0x20));
    const tooBig = await post(bomb, { 'content-encoding': 'gzip' });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('NS_ERR_PAYLOAD_TOO_LARGE');
    const garbage = await post(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    expect(garbage.json().error).toEqual({ code: 'NS_ERR_BAD_REQUEST', message: 'the body is not valid gzip' });
  });

  it.each([
    [
      'more than 500 events',
      () => ({ events: Array.from({ length: 501 }, (_, i) => pageview(`e${i}`)) }),
      400,
      'events: must hold at most 500 events',
    ],
    [
      'a body over 1 MB',
      () => JSON.stringify({ events: [pageview('e1', { title: 'x'.repeat(1024 * 1024) })] }),
      413,
      'larger than 1048576 bytes',
    ],
    ['broken JSON', () => '{"events": [', 400, 'the body is not valid JSON'],
    ['an array body', () => '[]', 400, 'the body must be an event object'],
  ])('refuses %s', async (_name, body, status, message) => {
    const response = await post(body());
    expect(response.statusCode).toBe(status);
    expect(response.json().error.message).toContain(message);
  });

  it('refuses an event over 32 KB by index and keeps the others', async () => {
    const response = await post({ events: [pageview('e1'), pageview('e2', { comment: 'x'.repeat(33 * 1024) })] });
    expect(response.json()).toMatchObject({ stored: 1, errors: [{ index: 1, field: '', reason: 'is larger than 32768 bytes' }] });
  });

  it('wants JSON', async () => {
    const response = await post('event_id,type', { 'content-type': 'text/csv' });
    expect(response.statusCode).toBe(415);
  });

  it('makes events queryable as sessions within the refresh interval', async () => {
    await post({ events: [pageview('e1'), pageview('e2', { timestamp: at(2), url: 'https://shop.example/pricing' })] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await store.query('SELECT pageviews, landing_page, bounced FROM sessions')).toEqual([
      { pageviews: 2, landing_page: '/', bounced: false },
    ]);
  });

  it('counts dropped bots by reason in the ingest stats', async () => {
    await post({
      events: [
        pageview('e1', { user_agent: 'Googlebot/2.1 (+http://www.google.com/bot.html)' }),
        pageview('e2', { user_agent: 'curl/8.5.0' }),
      ],
    });
    const stats = await app.inject({ method: 'GET', url: '/api/v1/ingest/stats', headers: { authorization: `Bearer ${key}` } });
    expect(stats.json().bots).toMatchObject({ total: 2, byReason: { googlebot: 1, curl: 1 } });
  });
});

describe('overload', () => {
  it('answers 503 with Retry-After instead of queueing without bound, and stores every accepted event', async () => {
    const small = await buildApp({ store, webRoot: '/nonexistent', ingest: { commitIntervalMs: 30, maxQueuedEvents: 60 } });
    const batch = (n: number) => ({ events: Array.from({ length: 50 }, (_, i) => pageview(`b${n}-${i}`)) });
    const responses = await Promise.all(
      [0, 1, 2].map((n) =>
        small.inject({
          method: 'POST',
          url: '/api/v1/events',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          payload: batch(n),
        }),
      ),
    );
    const refused = responses.filter((r) => r.statusCode === 503);
    expect(refused.length).toBe(2);
    expect(refused[0]?.headers['retry-after']).toBe('1');
    expect(refused[0]?.json().error.code).toBe('NS_ERR_OVERLOADED');
    expect(await store.count('events')).toBe(50);
    await small.close();
  });
});
