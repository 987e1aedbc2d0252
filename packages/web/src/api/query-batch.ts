/**
 * Queries asked for in the same turn of the event loop (a page's tiles mounting together) go to
 * the server as one POST /query/batch: one request instead of a dozen queued behind the browser's
 * six connections per host, and one render for their answers. Each caller still gets its own
 * result or ApiError. A server without the batch route is asked query by query.
 */
import { ApiError, queryBody, request, withPlainRows } from './client.ts';
import type { QueryRequest, QueryResult, Row } from './types.ts';

/** The server's limit (MAX_BATCH in routes/query.ts). */
const MAX_BATCH = 50;

type Answer = { status?: number; error?: { code?: string; message?: string; details?: unknown } } & Record<string, unknown>;

interface Pending {
  body: unknown;
  resolve(answer: Record<string, unknown>): void;
  reject(error: unknown): void;
}

let queued: Pending[] = [];
let batchRouteMissing = false;

/** A metric query, sent with the other queries of this turn. */
export async function runQuery(query: QueryRequest, signal?: AbortSignal): Promise<QueryResult> {
  const answer: { rows?: Row[] } = await postQueryBatched(queryBody(query), signal);
  return withPlainRows<object>(answer);
}

/** POST /query with `body`, sent with the other queries of this turn. */
export function postQueryBatched(body: unknown, signal?: AbortSignal): Promise<Record<string, unknown>> {
  if (signal?.aborted) return Promise.reject(abortError());
  return new Promise((resolve, reject) => {
    if (queued.length === 0) setTimeout(flush, 0);
    queued.push({ body, resolve, reject });
    // A tile that goes away stops waiting; its query still runs with the others.
    signal?.addEventListener('abort', () => reject(abortError()), { once: true });
  });
}

function flush(): void {
  const batch = queued;
  queued = [];
  for (let start = 0; start < batch.length; start += MAX_BATCH) void send(batch.slice(start, start + MAX_BATCH));
}

async function send(batch: Pending[]): Promise<void> {
  if (batch.length === 1 || batchRouteMissing) return sendEach(batch);
  try {
    const { results } = await request<{ results: Answer[] }>('POST', '/query/batch', { queries: batch.map((p) => p.body) });
    for (const [i, pending] of batch.entries()) settle(pending, results[i]);
  } catch (error) {
    if (error instanceof ApiError && error.isMissingRoute) {
      batchRouteMissing = true;
      return sendEach(batch);
    }
    for (const pending of batch) pending.reject(error);
  }
}

async function sendEach(batch: Pending[]): Promise<void> {
  await Promise.all(
    batch.map((pending) => request<Record<string, unknown>>('POST', '/query', pending.body).then(pending.resolve, pending.reject)),
  );
}

function settle(pending: Pending, answer: Answer | undefined): void {
  if (!answer) {
    pending.reject(new ApiError(0, 'NS_ERR_BAD_RESPONSE', 'the batch answer has no result for this query'));
    return;
  }
  if (!answer.error) {
    pending.resolve(answer);
    return;
  }
  const { code, message, details } = answer.error;
  const status = answer.status ?? 500;
  pending.reject(new ApiError(status, code ?? 'NS_ERR_HTTP', message ?? `HTTP ${status}`, details));
}

function abortError(): DOMException {
  return new DOMException('the query was cancelled', 'AbortError');
}
