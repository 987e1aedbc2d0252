import { AppError, attributePaths, parsePathSummary } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { parseAttributionRequest, parseModels } from '../../attribution/attribution-request.ts';
import { runAttribution } from '../../attribution/run-attribution.ts';
import type { Store } from '../../store/store.ts';

/** One model answers `{model, rows}`; several answer `{results: [...]}` for side-by-side views. */
export function registerAttributionRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/v1/attribution', async (request) => {
    const { timezone } = await store.getSettings();
    const results = await runAttribution(store, parseAttributionRequest(request.query, timezone));
    return results.length === 1 ? results[0] : { results };
  });

  app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 32 * 1024 * 1024 }, (_request, body, done) => done(null, body));
    scope.post<{ Querystring: { model?: string } }>('/api/v1/attribution/paths', async (request) => {
      if (typeof request.body !== 'string') throw new AppError('unsupportedFormat', 'send the path summary as text/csv');
      const models = parseModels(String(request.query.model ?? ''));
      const parsed = parsePathSummary(request.body);
      if (!parsed.value) throw new AppError('validation', 'the path summary has invalid rows', { errors: parsed.errors });
      const paths = parsed.value;
      const results = models.map((model) => {
        const result = attributePaths(model, paths);
        return {
          model,
          rows: result.rows.map((r) => ({ channel: r.key, conversions: r.conversions, value: r.value })),
          details: result.details,
        };
      });
      return results.length === 1 ? results[0] : { results };
    });
  });
}
