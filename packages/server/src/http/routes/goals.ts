/**
 * Goals: CRUD of `/api/v1/goals`; every read carries the goal's progress and pace as of now (or
 * `?at=ISO-TIME`, to see a past or future day).
 */
import { AppError, goalPatchSchema, parseWith } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type GoalView, goalProgress, parseGoal, saveGoal, toView } from '../../goals/goal-service.ts';
import { loadWorkspaceCatalog } from '../../metrics/workspace-catalog.ts';
import type { Store } from '../../store/store.ts';

const idSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict();
const readQuery = z.object({ at: z.iso.datetime({ offset: true }).optional() }).strict();

export function registerGoalRoutes(app: FastifyInstance, store: Store): void {
  const meta = store.metadata;
  const load = async (params: unknown) => {
    const { id } = parseWith(idSchema, params, 'goal id');
    const doc = await meta.get<GoalView>('goals', id);
    if (!doc) throw new AppError('notFound', `no goal ${id}`);
    return toView(doc);
  };
  const withProgress = async (goals: GoalView[], query: unknown) => {
    const { at } = parseWith(readQuery, query, 'query');
    const now = at ? new Date(at) : new Date();
    const catalog = await loadWorkspaceCatalog(meta);
    return Promise.all(
      goals.map(async (goal) => {
        try {
          return await goalProgress(store, catalog, goal, now);
        } catch (error) {
          // A goal whose KPI was removed (a deleted custom metric) still lists, without progress.
          return { ...goal, progress: null, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
  };

  app.get('/api/v1/goals', async (request) => ({
    goals: await withProgress((await meta.list<GoalView>('goals')).map(toView), request.query),
  }));

  app.post('/api/v1/goals', async (request, reply) => {
    const goal = await saveGoal(store, await loadWorkspaceCatalog(meta), parseGoal(request.body));
    return reply.status(201).send((await withProgress([goal], {}))[0]);
  });

  app.get('/api/v1/goals/:id', async (request) => (await withProgress([await load(request.params)], request.query))[0]);

  app.put('/api/v1/goals/:id', async (request) => {
    const existing = await load(request.params);
    const goal = await saveGoal(store, await loadWorkspaceCatalog(meta), parseGoal(request.body), existing.id);
    return (await withProgress([goal], {}))[0];
  });

  app.patch('/api/v1/goals/:id', async (request) => {
    const existing = await load(request.params);
    const patch = parseWith(goalPatchSchema, request.body, 'goal');
    const { id, createdAt: _c, updatedAt: _u, ...current } = existing;
    const merged: Record<string, unknown> = { ...current, ...patch };
    // A new KPI takes its own direction unless the patch names one; a calendar period ends by itself.
    if (patch.metric && !patch.direction) delete merged.direction;
    if (merged.period !== 'custom') delete merged.to;
    const goal = await saveGoal(store, await loadWorkspaceCatalog(meta), parseGoal(merged), id);
    return (await withProgress([goal], {}))[0];
  });

  app.delete('/api/v1/goals/:id', async (request, reply) => {
    const goal = await load(request.params);
    await meta.delete('goals', goal.id);
    return reply.status(204).send();
  });
}
