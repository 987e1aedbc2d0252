import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeRequest } from '../../ingest/privacy-log.ts';
import { DuckDbStore } from '../../store/duckdb/duckdb-store.ts';
import { buildApp } from '../app.ts';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0';
const T0 = Date.UTC(2026, 2, 1, 23, 50);

let dir: string;
let store: DuckDbStore;
let app: FastifyInstance;
let clock = T0;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'northstar-collect-'));
  store = await DuckDbStore.open({ path: join(dir, 'db.duckdb') });
  clock = T0;
  writeFileSync(join(dir, 't.js'), '/* tracker */');
  app = await buildApp({
    store,
    webRoot: '/nonexistent',
    ingest: { commitIntervalMs: 2, sessionRefreshMs: 50, trustProxy: true, now: () => clock, trackerFile: join(dir, 't.js') },
  });
});
afterEach(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
function collect(events: Array<Record<string, unknown>>, options: { ip?: string; ua?: string; site?: string } = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/collect',
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      'user-agent': options.ua ?? IPHONE,
      'x-forwarded-for': options.ip ?? '198.51.100.23',
    },
    payload: JSON.stringify({ site: options.site ?? 'acme', events: events.map((e) => ({ id: `ev-${++counter}-xyz`, ...e })) }),
  });
}

const visitors = async () => (await store.query('SELECT DISTINCT visitor_id FROM events')).map((r) => r.visitor_id);

describe('POST /api/v1/collect', () => {
  it('stores tracker events with channel, device and a live session, open to every origin', async () => {
    const response = await collect([{ type: 'pageview', url: 'https://acme.example/?gclid=abc', referrer: 'https://www.google.com/' }]);
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    clock += 60_000;
    await collect([
      {
        type: 'goal',
        name: 'signup',
        value: 49,
        currency: 'eur',
        url: 'https://acme.example/?gclid=abc',
        referrer: 'https://www.google.com/',
      },
    ]);
    const rows = await store.query('SELECT type, channel, device, os, session_id, "timestamp", currency FROM events ORDER BY "timestamp"');
    expect(rows).toMatchObject([
      { type: 'pageview', channel: 'Paid Search', device: 'mobile', os: 'iOS', timestamp: new Date(T0).toISOString() },
      { type: 'goal', channel: 'Paid Search', currency: 'EUR' },
    ]);
    expect(rows[0]?.session_id).toBe(rows[1]?.session_id);
  });

  it('answers the CORS preflight', async () => {
    const response = await app.inject({ method: 'OPTIONS', url: '/api/v1/collect', headers: { origin: 'https://acme.example' } });
    expect(response.statusCode).toBe(204);
    expect(response.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST' });
  });

  it('derives one visitor id per IP and user agent, and a new one every day', async () => {
    await collect([{ type: 'pageview', url: 'https://acme.example/' }]);
    await collect([{ type: 'pageview', url: 'https://acme.example/a' }]);
    expect(await visitors()).toHaveLength(1);
    await collect([{ type: 'pageview', url: 'https://acme.example/' }], { ip: '198.51.100.24' });
    await collect([{ type: 'pageview', url: 'https://acme.example/' }], { ua: FIREFOX });
    await collect([{ type: 'pageview', url: 'https://acme.example/' }], { site: 'other' });
    expect(await visitors()).toHaveLength(4);
    clock += 20 * 60_000; // past midnight UTC: the salt rotates
    await collect([{ type: 'pageview', url: 'https://acme.example/' }]);
    expect(await visitors()).toHaveLength(5);
  });

  it('never writes the IP address, in tables or in the database file', async () => {
    await collect([{ type: 'pageview', url: 'https://acme.example/' }], { ip: '203.0.113.199' });
    await app.close();
    await store.close();
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes('203.0.113.199')).toBe(false);
    store = await DuckDbStore.open({ path: join(dir, 'db.duckdb') });
    app = await buildApp({ store, webRoot: '/nonexistent' });
  });

  it('logs requests without the client address or query string', () => {
    expect(serializeRequest({ id: 'req-1', method: 'POST', url: '/api/v1/collect?x=1' })).toEqual({
      id: 'req-1',
      method: 'POST',
      path: '/api/v1/collect',
    });
  });

  it('stores an identify contact as given, and an email only as its SHA-256', async () => {
    await collect([
      { type: 'identify', url: 'https://acme.example/', contact: 'crm-42' },
      { type: 'identify', url: 'https://acme.example/', contact: ' Anna@Example.com ' },
    ]);
    const ids = (await store.query('SELECT contact_id FROM events ORDER BY contact_id')).map((r) => r.contact_id);
    expect(ids).toEqual(['crm-42', `sha256:${createHash('sha256').update('anna@example.com').digest('hex')}`]);
  });

  it('drops and counts a request without a user agent as a bot', async () => {
    const response = await collect([{ type: 'pageview', url: 'https://acme.example/' }], { ua: '' });
    expect(response.json()).toMatchObject({ stored: 0, bots: 1 });
  });

  it('reports bad tracker events by index and tracker field name', async () => {
    const response = await collect([
      { type: 'pageview', url: 'https://acme.example/' },
      { type: 'scroll', url: 'https://acme.example/', scroll: 140 },
      { type: 'goal', url: 'https://acme.example/' },
      { type: 'identify', url: 'https://acme.example/' },
    ]);
    expect(response.json()).toMatchObject({
      stored: 1,
      errors: [
        { index: 1, field: 'scroll', reason: expect.stringContaining('100') },
        { index: 2, field: 'name', reason: 'is required for goal events' },
        { index: 3, field: 'contact', reason: 'is required for identify events' },
      ],
    });
  });

  it.each([
    ['no site', { events: [{ id: 'abcdefgh', type: 'pageview', url: '/' }] }],
    ['a bad site id', { site: '../etc', events: [{ id: 'abcdefgh', type: 'pageview', url: '/' }] }],
    ['no events', { site: 'acme', events: [] }],
  ])('refuses a payload with %s', async (_name, payload) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/collect',
      headers: { 'user-agent': IPHONE },
      payload: JSON.stringify(payload),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('NS_ERR_VALIDATION');
  });
});

describe('GET /t.js', () => {
  it('serves the tracker', async () => {
    const response = await app.inject({ method: 'GET', url: '/t.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('javascript');
    expect(response.body).toBe('/* tracker */');
  });

  it('says how to build the tracker when it is missing', async () => {
    rmSync(join(dir, 't.js'));
    const other = await buildApp({ store, webRoot: '/nonexistent', ingest: { trackerFile: join(dir, 't.js') } });
    const response = await other.inject({ method: 'GET', url: '/t.js' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toContain('npm run build --workspace @northstar/tracker');
    await other.close();
  });
});
