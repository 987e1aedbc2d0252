import { AppError, type CustomMetricInput, listMetrics, parseQueryRequest, parseWith } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { catalogWithCustomMetrics } from '../../metrics/custom-catalog.ts';
import { runQuery } from '../../metrics/run-query.ts';
import { loadWorkspaceCatalog } from '../../metrics/workspace-catalog.ts';
import type { Store } from '../../store/store.ts';

/** Queries a batch may hold: a page's tiles, with room to spare. */
export const MAX_BATCH = 50;
const batchSchema = z.object({ queries: z.array(z.unknown()).min(1).max(MAX_BATCH) }).strict();

/** Metric catalog, queries and the workspace's custom metrics. */
export function registerQueryRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/v1/metrics', async () => ({ metrics: listMetrics(await loadWorkspaceCatalog(store.metadata)) }));

  app.post('/api/v1/query', async (request) => {
    const query = parseQueryRequest(request.body ?? {});
    return runQuery(store, query, { catalog: await loadWorkspaceCatalog(store.metadata) });
  });

  // A page's tiles in one request: each query answers on its own, as /query would, or with its error.
  app.post('/api/v1/query/batch', async (request) => {
    const { queries } = parseWith(batchSchema, request.body, 'query batch');
    const catalog = await loadWorkspaceCatalog(store.metadata);
    const results = await Promise.all(
      queries.map(async (body) => {
        try {
          return await runQuery(store, parseQueryRequest(body ?? {}), { catalog });
        } catch (error) {
          if (error instanceof AppError) return { status: error.status, ...error.toJSON() };
          request.log.error({ err: error }, 'batched query failed');
          return { status: 500, error: { code: 'NS_ERR_INTERNAL', message: 'internal error' } };
        }
      }),
    );
    return { results };
  });

  app.get('/api/v1/custom-metrics', async () => ({
    metrics: (await store.metadata.list<CustomMetricInput>('custom_metrics')).map((doc) => ({ ...doc.body, id: doc.id })),
  }));

  app.put<{ Params: { id: string } }>('/api/v1/custom-metrics/:id', async (request) => {
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('badRequest', 'expected a JSON object');
    const definition = { ...(body as CustomMetricInput), id: request.params.id };
    const others = (await store.metadata.list<CustomMetricInput>('custom_metrics'))
      .filter((doc) => doc.id !== request.params.id)
      .map((doc) => ({ ...doc.body, id: doc.id }));
    catalogWithCustomMetrics([...others, definition]); // throws a 400 naming each bad field
    const { id: _id, ...rest } = definition;
    await store.metadata.put('custom_metrics', request.params.id, rest);
    return definition;
  });

  app.delete<{ Params: { id: string } }>('/api/v1/custom-metrics/:id', async (request, reply) => {
    if (!(await store.metadata.delete('custom_metrics', request.params.id))) {
      throw new AppError('notFound', `no custom metric '${request.params.id}'`);
    }
    return reply.status(204).send();
  });
}
