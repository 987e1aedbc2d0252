import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client.ts';
import { runQuery } from './query-batch.ts';

interface Call {
  url: string;
  body: unknown;
}

/** A fetch that answers POST /query/batch (unless `batchRoute` is false) and POST /query, recording the calls. */
function stubFetch(batchRoute = true): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('document', { cookie: '' }); // the CSRF cookie, read for a POST
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
  const answer = (query: { metrics: string[] }) =>
    query.metrics[0] === 'bad'
      ? { status: 400, error: { code: 'NS_ERR_UNKNOWN_METRIC', message: "unknown metric 'bad'" } }
      : { rows: [{ [query.metrics[0] ?? '']: 1 }] };
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body));
    calls.push({ url, body });
    if (url.endsWith('/query/batch')) {
      if (!batchRoute) return json(404, { error: { code: 'NS_ERR_NOT_FOUND', message: 'no route POST /api/v1/query/batch' } });
      return json(200, { results: body.queries.map(answer) });
    }
    const single = answer(body);
    return 'error' in single ? json(single.status ?? 500, { error: single.error }) : json(200, single);
  });
  return calls;
}

const RANGE = { from: '2026-03-01', to: '2026-04-01' };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('batched queries', () => {
  it('sends the queries of one turn as one request and gives each its own answer or error', async () => {
    const calls = stubFetch();
    const [a, b, bad] = await Promise.allSettled([
      runQuery({ metrics: ['sessions'], from: '2026-03-01', to: '2026-04-01' }),
      runQuery({ metrics: ['leads'], from: '2026-03-01', to: '2026-04-01', compare: 'previous' }),
      runQuery({ metrics: ['bad'], from: '2026-03-01', to: '2026-04-01' }),
    ]);
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/query/batch']);
    expect(calls[0]?.body).toEqual({
      queries: [
        { metrics: ['sessions'], from: '2026-03-01', to: '2026-04-01' },
        { metrics: ['leads'], from: '2026-03-01', to: '2026-04-01', compare: 'previous' },
        { metrics: ['bad'], from: '2026-03-01', to: '2026-04-01' },
      ],
    });
    expect(a).toEqual({ status: 'fulfilled', value: { rows: [{ sessions: 1 }] } });
    expect(b).toEqual({ status: 'fulfilled', value: { rows: [{ leads: 1 }] } });
    expect(bad.status).toBe('rejected');
    const error = (bad as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'NS_ERR_UNKNOWN_METRIC' });
  });

  it('sends a lone query to /query', async () => {
    const calls = stubFetch();
    expect(await runQuery({ metrics: ['sessions'], ...RANGE })).toEqual({ rows: [{ sessions: 1 }] });
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/query']);
  });

  it('asks query by query when the server has no batch route', async () => {
    const calls = stubFetch(false);
    const answers = await Promise.all([runQuery({ metrics: ['sessions'], ...RANGE }), runQuery({ metrics: ['leads'], ...RANGE })]);
    expect(answers).toEqual([{ rows: [{ sessions: 1 }] }, { rows: [{ leads: 1 }] }]);
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/query/batch', '/api/v1/query', '/api/v1/query']);
  });

  it('stops waiting for a cancelled query', async () => {
    stubFetch();
    const controller = new AbortController();
    const cancelled = runQuery({ metrics: ['sessions'], ...RANGE }, controller.signal);
    const kept = runQuery({ metrics: ['leads'], ...RANGE });
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(await kept).toEqual({ rows: [{ leads: 1 }] });
  });
});
