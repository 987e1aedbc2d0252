/**
 * SQL metacharacters and engine functions in every filter, dimension, sort, date and option of
 * /query and /attribution are refused (4xx) or harmless (a plain value matching nothing); no
 * answer is a 500, none reads a file, and every table is intact afterwards.
 */
import { STORED_TABLES, type TableName } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCrm } from '../metrics/fixture-crm.ts';
import { WEB_SESSIONS } from '../metrics/fixture-web.ts';
import { loadSessions, openTestStore } from '../metrics/test-fixtures.ts';
import type { Store } from '../store/store.ts';
import { buildApp } from './app.ts';

const PAYLOADS = [
  "'; DROP TABLE events; --",
  "' OR '1'='1",
  '" OR "1"="1',
  "read_csv('/etc/passwd')",
  "x') UNION SELECT * FROM read_csv('/etc/passwd') --",
  "COPY events TO '/tmp/northstar-leak.csv'",
  "ATTACH '/tmp/evil.db' AS evil",
  'sessions; DELETE FROM contacts',
  'channel) FROM events; DROP TABLE sessions; --',
  '1; SELECT pg_sleep(1)',
  '$1',
  '\\x27; DROP TABLE deals; --',
  '%',
  "2026-01-01'; DROP TABLE orders; --",
];

let store: Store;
let app: FastifyInstance;
let counts: Record<string, number>;

async function tableCounts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of Object.keys(STORED_TABLES) as TableName[]) result[table] = await store.count(table);
  return result;
}

beforeAll(async () => {
  store = await openTestStore();
  await loadSessions(store, WEB_SESSIONS);
  await loadCrm(store);
  app = await buildApp({ store, webRoot: '/nonexistent', rateLimits: false });
  counts = await tableCounts();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const base = { metrics: ['sessions'], from: '2026-01-01', to: '2026-03-01' };

/** Each place a user's text goes in a query request. */
const QUERY_PLACES: [string, (p: string) => Record<string, unknown>][] = [
  ['metric', (p) => ({ ...base, metrics: [p] })],
  ['dimension', (p) => ({ ...base, dimensions: [p] })],
  ['by (text list)', (p) => ({ ...base, by: `channel,${p}` })],
  ['filter dimension', (p) => ({ ...base, filters: [{ dimension: p, op: 'equals', value: 'x' }] })],
  ['filter value (equals)', (p) => ({ ...base, filters: [{ dimension: 'channel', op: 'equals', value: p }] })],
  ['filter values (in)', (p) => ({ ...base, filters: [{ dimension: 'channel', op: 'in', values: ['No such channel', p] }] })],
  ['filter value (contains)', (p) => ({ ...base, filters: [{ dimension: 'source', op: 'contains', value: p }] })],
  ['filter text', (p) => ({ ...base, filter: `channel=${p}` })],
  ['filter text (contains)', (p) => ({ ...base, filter: `source~${p}` })],
  ['sort metric', (p) => ({ ...base, dimensions: ['channel'], order: { metric: p, direction: 'desc' } })],
  ['sort direction', (p) => ({ ...base, dimensions: ['channel'], order: { metric: 'sessions', direction: p } })],
  ['from', (p) => ({ ...base, from: p })],
  ['to', (p) => ({ ...base, to: p })],
  ['grain', (p) => ({ ...base, grain: p })],
  ['timezone', (p) => ({ ...base, timezone: p })],
  ['comparison', (p) => ({ ...base, comparison: p })],
  ['option name', (p) => ({ ...base, options: { [p]: 1 } })],
  ['model', (p) => ({ ...base, metrics: ['attributed_revenue'], model: p })],
  ['limit', (p) => ({ ...base, limit: p })],
];

const ATTRIBUTION_PLACES = ['model', 'conversion', 'by', 'lookback', 'from', 'to', 'tz', 'half_life', 'order'];

function expectHarmless(status: number, body: string, where: string): void {
  expect(status, `${where}: ${body.slice(0, 200)}`).toBeLessThan(500);
  expect(body).not.toMatch(/root:x?:0:0/);
}

describe('injection through /query', () => {
  it.each(QUERY_PLACES)('%s', async (place, build) => {
    for (const payload of PAYLOADS) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/query', payload: build(payload) });
      expectHarmless(response.statusCode, response.body, `${place} = ${payload}`);
      if (response.statusCode === 200) {
        // Accepted only as a literal value: it matches no stored row.
        const rows = response.json().rows as Record<string, unknown>[];
        if (place.startsWith('filter value') || place.startsWith('filter text')) {
          expect(
            rows.every((r) => !r.sessions),
            `${place} = ${payload}`,
          ).toBe(true);
        }
      }
    }
  });

  it('binds filter values as parameters: a quote is matched literally', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/query',
      payload: { ...base, filters: [{ dimension: 'channel', op: 'equals', value: "Direct' OR '1'='1" }] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().rows.every((r: { sessions: unknown }) => !r.sessions)).toBe(true);
  });
});

describe('injection through /attribution', () => {
  it.each(ATTRIBUTION_PLACES)('%s', async (place) => {
    for (const payload of PAYLOADS) {
      const query = new URLSearchParams({ model: 'linear', from: '2026-01-01', to: '2026-03-01', [place]: payload });
      const response = await app.inject({ method: 'GET', url: `/api/v1/attribution?${query}` });
      expectHarmless(response.statusCode, response.body, `${place} = ${payload}`);
      expect(response.statusCode, `${place} = ${payload}`).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('after every attempt', () => {
  it('leaves every table intact and no file behind', async () => {
    expect(await tableCounts()).toEqual(counts);
    const { existsSync } = await import('node:fs');
    expect(existsSync('/tmp/northstar-leak.csv')).toBe(false);
    expect(existsSync('/tmp/evil.db')).toBe(false);
  });
});
