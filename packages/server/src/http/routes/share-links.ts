/**
 * Share links. Editors list, create and revoke them; the token routes serve one dashboard and the
 * queries of its own tiles, nothing else: a viewer picks a tile, never a metric, dimension or
 * filter, and with a fixed range not the dates either.
 */
import { AppError, parseDay, parseWith } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createShareLink, listShareLinks, revokeShareLink, type ShareRange } from '../../auth/share-links.ts';
import { runQuery } from '../../metrics/run-query.ts';
import { loadWorkspaceCatalog } from '../../metrics/workspace-catalog.ts';
import { loadDashboard, tileRequest } from '../../reports/dashboard-data.ts';
import type { Store } from '../../store/store.ts';
import type { AuthContext } from '../auth/auth-context.ts';
import { identityOf } from '../auth/authorize.ts';

/** The longest range a viewer may pick on an adjustable link. */
export const MAX_SHARE_DAYS = 3 * 366;

const day = z.string().refine((text) => parseDay(text) !== undefined, 'must be a date YYYY-MM-DD');
const rangeSchema = z
  .object({ mode: z.enum(['fixed', 'adjustable']), from: day, to: day })
  .strict()
  .refine((r) => (parseDay(r.from) ?? 0) < (parseDay(r.to) ?? 0), 'from must be before to');
const createSchema = z.object({ dashboardId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/), range: rangeSchema }).strict();
const idSchema = z.object({ id: z.string().regex(/^shr_[0-9a-f]{16}$/, 'is not a share link id') });
const shareQuerySchema = z.object({ tile: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), from: day.optional(), to: day.optional() }).strict();

function rangeFor(link: ShareRange, asked: { from?: string | undefined; to?: string | undefined }): { from: string; to: string } {
  if (link.mode === 'fixed') return { from: link.from, to: link.to };
  const from = asked.from ?? link.from;
  const to = asked.to ?? link.to;
  const days = (parseDay(to) ?? 0) - (parseDay(from) ?? 0);
  if (days <= 0 || days > MAX_SHARE_DAYS) throw new AppError('badDate', `the range must be 1 to ${MAX_SHARE_DAYS} days`);
  return { from, to };
}

export function registerShareLinkRoutes(app: FastifyInstance, store: Store, ctx: AuthContext): void {
  const { meta } = ctx;

  app.get('/api/v1/share-links', async () => ({ links: await listShareLinks(meta) }));

  app.post('/api/v1/share-links', async (request, reply) => {
    const body = parseWith(createSchema, request.body, 'share link');
    await loadDashboard(store, body.dashboardId);
    const identity = identityOf(request);
    const createdBy = identity.kind === 'user' ? identity.email : identity.kind === 'key' ? identity.key.id : null;
    const link = await createShareLink(meta, ctx.secret, { dashboardId: body.dashboardId, range: body.range, createdBy });
    return reply.status(201).send({ ...link, path: `/share/${link.token}` });
  });

  app.delete('/api/v1/share-links/:id', async (request) => revokeShareLink(meta, parseWith(idSchema, request.params, 'share link id').id));

  const linkOf = (request: Parameters<typeof identityOf>[0]) => {
    const identity = identityOf(request);
    if (identity.kind !== 'share') throw new AppError('notFound', 'this share link does not exist or was revoked');
    return identity.link;
  };

  app.get('/api/v1/share/:token', async (request) => {
    const link = linkOf(request);
    const dashboard = await loadDashboard(store, link.dashboardId);
    return { dashboard: { name: dashboard.body.name, tiles: dashboard.body.tiles }, range: link.range };
  });

  app.post('/api/v1/share/:token/query', async (request) => {
    const link = linkOf(request);
    const body = parseWith(shareQuerySchema, request.body, 'share query');
    const dashboard = await loadDashboard(store, link.dashboardId);
    const tile = dashboard.body.tiles.find((t) => t.id === body.tile);
    if (!tile) throw new AppError('notFound', `no tile ${body.tile} on this dashboard`);
    const range = rangeFor(link.range, body);
    const catalog = await loadWorkspaceCatalog(meta);
    const result = await runQuery(store, tileRequest(tile, catalog.metrics.get(tile.metric), range.from, range.to), { catalog });
    return { ...result, range };
  });
}
