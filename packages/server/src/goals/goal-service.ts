/**
 * Goals in the metadata collection `goals`, checked against the catalog on save, and their
 * progress: the KPI over the goal's period so far and over its recent window (runQuery, optionally
 * filtered to the goal's dimension value) fed to the pace rule of @northstar/core (goals/pace.ts).
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
  recentWindow,
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
  /** `recent`: the days of the recent window the trend was read from, while the period runs. */
  progress: GoalProgress & { asOf: string; recent?: { from: string; to: string } };
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

/** The goal's KPI over days [from, to), filtered to its dimension value; null without a value. */
async function goalValue(store: Store, catalog: Catalog, goal: GoalView, from: number, to: number, now: Date): Promise<number | null> {
  const result = await runQuery(
    store,
    {
      metrics: [goal.metric],
      from: formatDay(from),
      to: formatDay(to),
      grain: 'all',
      ...(goal.filter ? { filters: [{ dimension: goal.filter.dimension, op: 'equals' as const, value: goal.filter.value }] } : {}),
    },
    { catalog, now },
  );
  const value = result.rows[0]?.[goal.metric];
  return typeof value === 'number' ? value : null;
}

export async function goalProgress(store: Store, catalog: Catalog, goal: GoalView, now: Date): Promise<GoalWithProgress> {
  const { metric, direction } = checkGoal(catalog, goal);
  const { timezone } = await store.getSettings();
  const range = goalRange(goal);
  const share = elapsedShare(range, now.getTime(), timezone);
  const to = Math.min(range.to, localDay(now.getTime(), timezone) + 1);
  const actual = share > 0 && to > range.from ? await goalValue(store, catalog, goal, range.from, to, now) : null;
  // The trend only matters while the period runs; once it is over the pace rule uses the actual.
  const window = recentWindow(range, now.getTime(), timezone);
  const recent =
    actual !== null && share < 1 && window.to > window.from
      ? { value: await goalValue(store, catalog, goal, window.from, window.to, now), share: window.share }
      : undefined;
  const progress = computeGoalProgress({
    actual,
    target: goal.target,
    elapsedShare: share,
    additive: metric.additive === true,
    direction,
    ...(recent ? { recent } : {}),
    ...(goal.tolerance !== undefined ? { tolerance: goal.tolerance } : {}),
  });
  const recentDays = { from: formatDay(window.from), to: formatDay(window.to) };
  return { ...goal, progress: { ...progress, ...(recent ? { recent: recentDays } : {}), asOf: now.toISOString() } };
}
