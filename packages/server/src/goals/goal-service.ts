/**
 * Goals in the metadata collection `goals`, checked against the catalog on save, and their
 * progress: the KPI over the goal's period so far (runQuery, optionally filtered to the goal's
 * dimension value) fed to the pace rule of @northstar/core (goals/pace.ts).
 */
import { randomUUID } from 'node:crypto';
import {
  AppError,
  allowedDimensions,
  type Catalog,
  computeGoalProgress,
  elapsedShare,
  formatDay,
  type GoalInput,
  type GoalProgress,
  goalDates,
  goalInputSchema,
  goalRange,
  localDay,
  type SeriesMetricDef,
} from '@northstar/core';
import type { MetaDocument } from '../meta/metadata-store.ts';
import { runQuery } from '../metrics/run-query.ts';
import type { Store } from '../store/store.ts';

export interface GoalView extends GoalInput {
  id: string;
  /** The period as dates: [from, to). */
  from: string;
  to: string;
  direction: 'up' | 'down';
  createdAt: string;
  updatedAt: string;
}

export interface GoalWithProgress extends GoalView {
  progress: GoalProgress & { asOf: string };
}

/** The goal's KPI: a series metric, with the dimension and a direction it can be judged by. */
export function checkGoal(catalog: Catalog, input: GoalInput): { metric: SeriesMetricDef; direction: 'up' | 'down' } {
  const metric = catalog.metrics.get(input.metric);
  if (!metric) throw new AppError('unknownMetric', `unknown metric '${input.metric}'`, { path: 'metric' });
  if (metric.kind !== 'series')
    throw new AppError('validation', `metric '${metric.id}' is a table; a goal needs a single value`, { path: 'metric' });
  if (input.filter) {
    const allowed = allowedDimensions(catalog, metric);
    if (!allowed.includes(input.filter.dimension)) {
      throw new AppError('unknownDimension', `dimension '${input.filter.dimension}' not allowed for metric '${metric.id}'`, {
        path: 'filter.dimension',
        allowed,
      });
    }
  }
  const direction = input.direction ?? (metric.direction === 'none' ? undefined : metric.direction);
  if (!direction) {
    throw new AppError('validation', `metric '${metric.id}' has no direction: say whether the goal is to go 'up' or 'down'`, {
      path: 'direction',
    });
  }
  return { metric, direction };
}

export function parseGoal(input: unknown): GoalInput {
  const parsed = goalInputSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const first = issues[0];
    throw new AppError('validation', `invalid goal: ${first ? `${first.path || 'goal'}: ${first.message}` : ''}`, { issues });
  }
  return parsed.data;
}

/** Stores the goal with its period normalised ([from, to) as dates) and its direction settled. */
export async function saveGoal(store: Store, catalog: Catalog, input: GoalInput, id: string = randomUUID()): Promise<GoalView> {
  const { direction } = checkGoal(catalog, input);
  const body: GoalInput = { ...input, ...goalDates(input), direction };
  return toView(await store.metadata.put('goals', id, body));
}

export function toView(doc: MetaDocument<GoalInput>): GoalView {
  const dates = goalDates(doc.body);
  return { ...doc.body, id: doc.id, ...dates, direction: doc.body.direction ?? 'up', createdAt: doc.createdAt, updatedAt: doc.updatedAt };
}

export async function goalProgress(store: Store, catalog: Catalog, goal: GoalView, now: Date): Promise<GoalWithProgress> {
  const { metric, direction } = checkGoal(catalog, goal);
  const { timezone } = await store.getSettings();
  const range = goalRange(goal);
  const share = elapsedShare(range, now.getTime(), timezone);
  const to = Math.min(range.to, localDay(now.getTime(), timezone) + 1);
  let actual: number | null = null;
  if (share > 0 && to > range.from) {
    const result = await runQuery(
      store,
      {
        metrics: [metric.id],
        from: formatDay(range.from),
        to: formatDay(to),
        grain: 'all',
        ...(goal.filter ? { filters: [{ dimension: goal.filter.dimension, op: 'equals' as const, value: goal.filter.value }] } : {}),
      },
      { catalog, now },
    );
    const value = result.rows[0]?.[metric.id];
    actual = typeof value === 'number' ? value : null;
  }
  const progress = computeGoalProgress({
    actual,
    target: goal.target,
    elapsedShare: share,
    additive: metric.additive === true,
    direction,
    ...(goal.tolerance !== undefined ? { tolerance: goal.tolerance } : {}),
  });
  return { ...goal, progress: { ...progress, asOf: now.toISOString() } };
}
