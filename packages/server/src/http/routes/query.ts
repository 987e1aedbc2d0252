import { AppError, type CustomMetricInput, listMetrics, parseQueryRequest } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { catalogWithCustomMetrics } from '../../metrics/custom-catalog.ts';
import { runQuery } from '../../metrics/run-query.ts';
import { loadWorkspaceCatalog } from '../../metrics/workspace-catalog.ts';
import type { Store } from '../../store/store.ts';

/** Metric catalog, queries and the workspace's custom metrics. */
export function registerQueryRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/v1/metrics', async () => ({ metrics: listMetrics(await loadWorkspaceCatalog(store.metadata)) }));

  app.post('/api/v1/query', async (request) => {
    const query = parseQueryRequest(request.body ?? {});
    return runQuery(store, query, { catalog: await loadWorkspaceCatalog(store.metadata) });
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
