/**
 * GET /api/v1/insights?from&to&compare&filter: findings from the data over a range (default: the
 * last 30 days), against the comparison the reader chose (previous, year or none; default previous)
 * and under their filters, written as /api/v1/query's (`filter=channel=Email`, repeatable).
 */
import { AppError, allowedDimensions, formatDay, localDay, parseDay, parseWith, queryRequestSchema } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { computeInsights, HEADLINE_KPIS } from '../../insights/compute-insights.ts';
import { loadWorkspaceCatalog } from '../../metrics/workspace-catalog.ts';
import type { Store } from '../../store/store.ts';

const day = z.string().refine((t) => parseDay(t) !== undefined, 'must be a date YYYY-MM-DD');
const querySchema = z
  .object({
    from: day.optional(),
    to: day.optional(),
    at: z.iso.datetime({ offset: true }).optional(),
    compare: z.enum(['previous', 'year', 'none']).optional(),
    filter: queryRequestSchema.shape.filter,
  })
  .strict();

export function registerInsightRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/v1/insights', async (request) => {
    const query = parseWith(querySchema, request.query, 'insights query');
    const now = query.at ? new Date(query.at) : new Date();
    const { timezone } = await store.getSettings();
    const to = query.to ?? formatDay(localDay(now.getTime(), timezone) + 1);
    const from = query.from ?? formatDay((parseDay(to) as number) - 30);
    if ((parseDay(from) as number) >= (parseDay(to) as number))
      throw new AppError('badDate', `'from' (${from}) must be before 'to' (${to})`);
    const catalog = await loadWorkspaceCatalog(store.metadata);
    const filters = query.filter === undefined ? [] : Array.isArray(query.filter) ? query.filter : [query.filter];
    // A dimension no headline KPI offers is a mistake, as on /api/v1/query; one only some offer narrows the insights.
    const offered = new Set(
      HEADLINE_KPIS.flatMap((id) => {
        const metric = catalog.metrics.get(id);
        return metric ? allowedDimensions(catalog, metric) : [];
      }),
    );
    for (const { dimension } of filters) {
      if (!offered.has(dimension))
        throw new AppError('unknownDimension', `filter dimension '${dimension}' not allowed for insights`, {
          dimension,
          allowed: [...offered],
        });
    }
    return computeInsights(store, { from, to, now, catalog, comparison: query.compare ?? 'previous', filters });
  });
}
