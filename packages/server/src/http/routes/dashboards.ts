/**
 * Custom dashboards: CRUD of documents in the metadata collection `dashboards`. A dashboard is a
 * name and tiles; a tile names a KPI, a visualization, breakdown dimensions, filters and its
 * place on a 12-column grid. Nothing here is SQL: tiles are turned into query requests by the
 * dashboard app and by reports, through the metric layer.
 */
import { randomUUID } from 'node:crypto';
import { AppError, parseWith } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { MetadataStore } from '../../meta/metadata-store.ts';

export const DASHBOARD_VISUALIZATIONS = ['number', 'line', 'bar', 'table', 'funnel'] as const;
export const DASHBOARD_GRID_COLUMNS = 12;

const identifier = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a snake_case id');

const tileSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, - or _'),
    title: z.string().trim().max(200).optional(),
    metric: identifier,
    viz: z.enum(DASHBOARD_VISUALIZATIONS),
    by: z.array(identifier).max(2).default([]),
    filters: z
      .array(z.object({ dimension: identifier, op: z.literal('equals').default('equals'), value: z.string().max(500) }).strict())
      .max(20)
      .default([]),
    layout: z
      .object({
        x: z
          .number()
          .int()
          .min(0)
          .max(DASHBOARD_GRID_COLUMNS - 1),
        y: z.number().int().min(0).max(10_000),
        w: z.number().int().min(1).max(DASHBOARD_GRID_COLUMNS),
        h: z.number().int().min(1).max(40),
      })
      .strict(),
  })
  .strict();

const tilesSchema = z
  .array(tileSchema)
  .max(100)
  .refine((tiles) => new Set(tiles.map((t) => t.id)).size === tiles.length, 'tile ids must be unique');

export const dashboardInputSchema = z.object({ name: z.string().trim().min(1).max(120), tiles: tilesSchema.default([]) }).strict();
const dashboardPatchSchema = z.object({ name: z.string().trim().min(1).max(120).optional(), tiles: tilesSchema.optional() }).strict();
const idSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) });

export type DashboardTile = z.infer<typeof tileSchema>;
export type DashboardBody = z.infer<typeof dashboardInputSchema>;

function toJson(doc: { id: string; body: DashboardBody; createdAt: string; updatedAt: string }) {
  return { id: doc.id, name: doc.body.name, tiles: doc.body.tiles, createdAt: doc.createdAt, updatedAt: doc.updatedAt };
}

export function registerDashboardRoutes(app: FastifyInstance, meta: MetadataStore): void {
  const load = async (params: unknown) => {
    const { id } = parseWith(idSchema, params, 'dashboard id');
    const doc = await meta.get<DashboardBody>('dashboards', id);
    if (!doc) throw new AppError('notFound', `no dashboard ${id}`);
    return doc;
  };

  app.get('/api/v1/dashboards', async () => ({ dashboards: (await meta.list<DashboardBody>('dashboards')).map(toJson) }));

  app.post('/api/v1/dashboards', async (request, reply) => {
    const body = parseWith(dashboardInputSchema, request.body, 'dashboard');
    return reply.status(201).send(toJson(await meta.put('dashboards', randomUUID(), body)));
  });

  app.get('/api/v1/dashboards/:id', async (request) => toJson(await load(request.params)));

  app.put('/api/v1/dashboards/:id', async (request) => {
    const doc = await load(request.params);
    const body = parseWith(dashboardInputSchema, request.body, 'dashboard');
    return toJson(await meta.put('dashboards', doc.id, body));
  });

  app.patch('/api/v1/dashboards/:id', async (request) => {
    const doc = await load(request.params);
    const patch = parseWith(dashboardPatchSchema, request.body, 'dashboard');
    return toJson(await meta.put('dashboards', doc.id, { ...doc.body, ...patch }));
  });

  app.delete('/api/v1/dashboards/:id', async (request, reply) => {
    const doc = await load(request.params);
    await meta.delete('dashboards', doc.id);
    return reply.status(204).send();
  });
}
