/**
 * Hostile bodies on the ingest endpoints: thousands of malformed payloads (truncated JSON, deep
 * nesting, huge strings, wrong types, `__proto__` keys, bad gzip, oversized) must each get a 4xx
 * with a clear error, and never a crash, a 5xx, a hang or a polluted prototype.
 */
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../auth/api-keys.ts';
import { DuckDbStore } from '../../store/duckdb/duckdb-store.ts';
import { buildApp } from '../app.ts';

const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
let store: DuckDbStore;
let app: FastifyInstance;
let key: string;

beforeAll(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
  app = await buildApp({ store, webRoot: '/nonexistent', ingest: { commitIntervalMs: 1 } });
  key = (await createApiKey(store.metadata, 'ingest')).key;
});
afterAll(async () => {
  await app.close();
  await store.close();
});

type Target = 'collect' | 'events';

async function send(
  target: Target,
  body: string | Buffer,
  gzip = false,
): Promise<{ status: number; json: { error?: { code?: string; message?: string } } }> {
  const response = await Promise.race([
    app.inject({
      method: 'POST',
      url: `/api/v1/${target}`,
      headers: {
        'content-type': target === 'events' ? 'application/json' : 'text/plain',
        'user-agent': UA,
        authorization: `Bearer ${key}`,
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      },
      payload: body,
    }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 10 s')), 10_000)),
  ]);
  return { status: response.statusCode, json: response.json() };
}

function expectClearRefusal(result: { status: number; json: { error?: { code?: string; message?: string } } }): void {
  expect(result.status).toBeGreaterThanOrEqual(400);
  expect(result.status).toBeLessThan(500);
  expect(result.json.error?.code).toMatch(/^NS_ERR_/);
  expect(result.json.error?.message?.length).toBeGreaterThan(5);
}

const target = fc.constantFrom<Target>('collect', 'events');
const validCollect = JSON.stringify({ site: 'acme', events: [{ id: 'abcdefgh12', type: 'pageview', url: 'https://acme.example/' }] });
const validEvents = JSON.stringify({
  events: [{ event_id: 'e1', timestamp: '2026-03-01T10:00:00Z', type: 'pageview', visitor_id: 'v', url: 'https://acme.example/' }],
});
const valid = (t: Target) => (t === 'collect' ? validCollect : validEvents);
const RUNS = 500;

describe('ingest endpoints under malformed input', () => {
  it('refuse truncated JSON', async () => {
    await fc.assert(
      fc.asyncProperty(target, fc.integer({ min: 0, max: 10_000 }), async (t, cut) => {
        const text = valid(t);
        expectClearRefusal(await send(t, text.slice(0, cut % (text.length - 1))));
      }),
      { numRuns: RUNS },
    );
  });

  it('refuse deep nesting', async () => {
    await fc.assert(
      fc.asyncProperty(target, fc.integer({ min: 17, max: 200_000 }), fc.constantFrom('[', '{"a":'), async (t, depth, open) => {
        const close = open === '[' ? ']' : '}';
        const body = `{"site":"acme","events":[${open.repeat(depth)}1${close.repeat(depth)}]}`;
        expectClearRefusal(await send(t, body));
      }),
      { numRuns: 60 },
    );
  });

  it('refuse wrong types anywhere, and store nothing from them', async () => {
    const before = await store.count('events');
    const wrong = fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.integer(), { maxKeys: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(
        target,
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
          wrong.map((w) => JSON.stringify({ site: 'acme', events: [{ id: w, type: w, url: w }] })),
          wrong.map((w) => JSON.stringify({ events: [{ event_id: w, timestamp: w, type: w, visitor_id: w }] })),
          wrong.map((w) => JSON.stringify({ site: w, events: w })),
        ),
        async (t, body) => {
          const result = await send(t, body);
          expectClearRefusal(result);
        },
      ),
      { numRuns: RUNS },
    );
    expect(await store.count('events')).toBe(before);
  });

  it('refuse __proto__ keys and leave Object.prototype alone', async () => {
    await fc.assert(
      fc.asyncProperty(
        target,
        fc.constantFrom('"__proto__"', '"\\u005f_proto__"', '"__pro\\u0074o__"'),
        fc.boolean(),
        async (t, protoKey, nested) => {
          const poison = `${protoKey}:{"polluted":true,"site":"x"}`;
          const body = nested ? valid(t).replace('"type":"pageview"', `${poison},"type":"pageview"`) : valid(t).replace('{', `{${poison},`);
          const result = await send(t, body);
          expectClearRefusal(result);
          expect(result.json.error?.message).toContain('__proto__');
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuse huge strings and oversized bodies', async () => {
    await fc.assert(
      fc.asyncProperty(target, fc.integer({ min: 33 * 1024, max: 3 * 1024 * 1024 }), fc.boolean(), async (t, size, gzip) => {
        const big = 'x'.repeat(size);
        const body =
          t === 'collect'
            ? JSON.stringify({ site: 'acme', events: [{ id: 'abcdefgh12', type: 'pageview', url: 'https://acme.example/', title: big }] })
            : JSON.stringify({
                events: [{ event_id: 'e1', timestamp: '2026-03-01', type: 'pageview', visitor_id: 'v', url: '/', title: big }],
              });
        const result = await send(t, gzip ? gzipSync(body) : body, gzip);
        expectClearRefusal(result);
      }),
      { numRuns: 60 },
    );
  });

  it('refuse bad gzip', async () => {
    await fc.assert(
      fc.asyncProperty(target, fc.uint8Array({ minLength: 0, maxLength: 2000 }), fc.boolean(), async (t, bytes, truncateReal) => {
        const body = truncateReal ? gzipSync(valid(t)).subarray(0, bytes.length % 30) : Buffer.from(bytes);
        const result = await send(t, body, true);
        expectClearRefusal(result);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuse random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(target, fc.uint8Array({ minLength: 0, maxLength: 4000 }), async (t, bytes) => {
        expectClearRefusal(await send(t, Buffer.from(bytes)));
      }),
      { numRuns: RUNS },
    );
  });

  it('still serve a valid request afterwards', async () => {
    expect((await send('collect', validCollect)).status).toBe(200);
  });
});

describe('ingest over a real socket', () => {
  let port = 0;
  beforeAll(async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });

  /** Writes raw bytes, half-closes, and returns what the server answered (or '' when it closed). */
  function raw(request: string | Buffer): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no answer within 10 s to ${String(request).slice(0, 80)}`));
      }, 10_000);
      socket.on('data', (chunk) => {
        answer += String(chunk);
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(answer);
      });
      socket.end(request);
    });
  }

  const head = (length: number | 'chunked', extra = '') =>
    `POST /api/v1/collect HTTP/1.1\r\nhost: localhost\r\nuser-agent: ${UA}\r\ncontent-type: text/plain\r\n${
      length === 'chunked' ? 'transfer-encoding: chunked' : `content-length: ${length}`
    }\r\nconnection: close\r\n${extra}\r\n`;

  it.each([
    ['a body shorter than its content-length', `${head(500)}{"site":"acme","ev`],
    ['a truncated chunked body', `${head('chunked')}10\r\n{"site":"acme","e\r\n`],
    ['a chunked body over 1 MB', `${head('chunked')}${`100000\r\n${'x'.repeat(0x100000)}\r\n`.repeat(2)}0\r\n\r\n`],
    ['bad gzip', `${head(12, 'content-encoding: gzip\r\n')}not gzip at`],
    ['a content-length over 1 MB', `${head(5_000_000)}{}`],
  ])('answers or closes on %s, and keeps serving', async (_name, request) => {
    const answer = await raw(request);
    if (answer !== '') expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/);
    const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    expect(health.status).toBe(200);
  });
});
