/** GET /api/v1/insights?from&to: findings from the data over a range (default: the last 30 days). */
import { AppError, formatDay, localDay, parseDay, parseWith } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { computeInsights } from '../../insights/compute-insights.ts';
import { loadWorkspaceCatalog } from '../../metrics/workspace-catalog.ts';
import type { Store } from '../../store/store.ts';

const day = z.string().refine((t) => parseDay(t) !== undefined, 'must be a date YYYY-MM-DD');
const querySchema = z.object({ from: day.optional(), to: day.optional(), at: z.iso.datetime({ offset: true }).optional() }).strict();

export function registerInsightRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/v1/insights', async (request) => {
    const query = parseWith(querySchema, request.query, 'insights query');
    const now = query.at ? new Date(query.at) : new Date();
    const { timezone } = await store.getSettings();
    const to = query.to ?? formatDay(localDay(now.getTime(), timezone) + 1);
    const from = query.from ?? formatDay((parseDay(to) as number) - 30);
    if ((parseDay(from) as number) >= (parseDay(to) as number))
      throw new AppError('badDate', `'from' (${from}) must be before 'to' (${to})`);
    return computeInsights(store, { from, to, now, catalog: await loadWorkspaceCatalog(store.metadata) });
  });
}
