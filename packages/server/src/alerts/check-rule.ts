/**
 * Whether an alert rule's condition holds now, as an occurrence: what fired, and the key that makes
 * it fire once — the rule and the period checked (a day, week or month; for goal pace, the goal's
 * period and the level).
 */
import {
  type AlertCondition,
  type AlertGrain,
  alertWindow,
  type Catalog,
  detectAnomaly,
  formatDay,
  localDay,
  type SeriesMetricDef,
} from '@northstar/core';
import { type GoalView, goalProgress, toView } from '../goals/goal-service.ts';
import { runQuery } from '../metrics/run-query.ts';
import { formatValue } from '../reports/format-value.ts';
import type { Store } from '../store/store.ts';
import type { AlertRuleView } from './alert-rules.ts';

export interface Occurrence {
  key: string;
  /** The period checked, as a label ('2026-03-10', 'week of 2026-03-02', '2026-03'). */
  period: string;
  metric: string;
  summary: string;
  details: Record<string, unknown>;
}

export interface CheckContext {
  store: Store;
  catalog: Catalog;
  now: Date;
  currency: string;
  timezone: string;
}

type Filter = { dimension: string; value: string } | undefined;

function periodText(label: string, grain: AlertGrain): string {
  if (grain === 'day') return label;
  if (grain === 'week') return `the week of ${label}`;
  return label.slice(0, 7);
}

function filterText(filter: Filter): string {
  return filter ? ` (${filter.dimension} = ${filter.value})` : '';
}

function seriesMetric(catalog: Catalog, id: string): SeriesMetricDef {
  const metric = catalog.metrics.get(id);
  if (metric?.kind !== 'series') throw new Error(`metric '${id}' is not a series KPI`);
  return metric;
}

async function seriesValues(ctx: CheckContext, metric: string, from: number, to: number, grain: AlertGrain, filter: Filter) {
  const result = await runQuery(
    ctx.store,
    {
      metrics: [metric],
      from: formatDay(from),
      to: formatDay(to),
      grain,
      ...(filter ? { filters: [{ dimension: filter.dimension, op: 'equals' as const, value: filter.value }] } : {}),
    },
    { catalog: ctx.catalog, now: ctx.now },
  );
  return result.rows.map((row) => ({
    period: String(row.period),
    value: typeof row[metric] === 'number' ? (row[metric] as number) : null,
  }));
}

async function checkThreshold(ctx: CheckContext, rule: AlertRuleView, c: Extract<AlertCondition, { type: 'threshold' }>) {
  const metric = seriesMetric(ctx.catalog, c.metric);
  const window = alertWindow(localDay(ctx.now.getTime(), ctx.timezone), c.grain);
  const [row] = await seriesValues(ctx, c.metric, window.checkedFrom, window.to, c.grain, c.filter);
  const value = row?.value ?? null;
  if (value === null || !(c.op === 'above' ? value > c.value : value < c.value)) return undefined;
  const fmt = (v: number | null) => formatValue(v, metric.unit, ctx.currency);
  return {
    key: `${rule.id}|${window.label}`,
    period: periodText(window.label, c.grain),
    metric: metric.id,
    summary: `${metric.name}${filterText(c.filter)} was ${fmt(value)} for ${periodText(window.label, c.grain)}, ${c.op} the threshold of ${fmt(c.value)}.`,
    details: { value, threshold: c.value, op: c.op, grain: c.grain, filter: c.filter ?? null },
  };
}

async function checkAnomaly(ctx: CheckContext, rule: AlertRuleView, c: Extract<AlertCondition, { type: 'anomaly' }>) {
  const metric = seriesMetric(ctx.catalog, c.metric);
  const window = alertWindow(localDay(ctx.now.getTime(), ctx.timezone), c.grain, c.baselinePeriods);
  const series = await seriesValues(ctx, c.metric, window.from, window.to, c.grain, c.filter);
  const checked = series.find((s) => s.period === window.label)?.value ?? null;
  const baseline = series.filter((s) => s.period !== window.label).map((s) => s.value);
  const result = detectAnomaly(checked, baseline, { sensitivity: c.sensitivity, direction: c.direction });
  if (!result.anomalous || checked === null) return undefined;
  const fmt = (v: number | null) => formatValue(v, metric.unit, ctx.currency);
  const side = checked > (result.median ?? 0) ? 'high' : 'low';
  const z = result.score === null ? 'a constant baseline' : `robust z = ${result.score.toFixed(1)}`;
  return {
    key: `${rule.id}|${window.label}`,
    period: periodText(window.label, c.grain),
    metric: metric.id,
    summary:
      `${metric.name}${filterText(c.filter)} was ${fmt(checked)} for ${periodText(window.label, c.grain)}, unusually ${side}: ` +
      `the previous ${result.baselineSize} ${c.grain}s had a median of ${fmt(result.median)} (${z}, sensitivity ${c.sensitivity}).`,
    details: {
      value: checked,
      median: result.median,
      scale: result.scale,
      score: result.score,
      sensitivity: c.sensitivity,
      grain: c.grain,
    },
  };
}

async function checkGoalPace(ctx: CheckContext, rule: AlertRuleView, c: Extract<AlertCondition, { type: 'goal_pace' }>) {
  const doc = await ctx.store.metadata.get<GoalView>('goals', c.goalId);
  if (!doc) throw new Error(`goal ${c.goalId} no longer exists`);
  const goal = await goalProgress(ctx.store, ctx.catalog, toView(doc), ctx.now);
  const { pace } = goal.progress;
  const fires = pace === 'off_track' || (c.level === 'at_risk' && pace === 'at_risk');
  if (!fires) return undefined;
  const metric = seriesMetric(ctx.catalog, goal.metric);
  const fmt = (v: number | null) => formatValue(v, metric.unit, ctx.currency);
  const p = goal.progress;
  const name = goal.name ?? `${metric.name} ${goal.period}`;
  return {
    key: `${rule.id}|goal|${goal.id}|${goal.from}|${c.level}`,
    period: `${goal.from} – ${goal.to}`,
    metric: metric.id,
    summary:
      `Goal "${name}"${filterText(goal.filter)} is ${pace === 'off_track' ? 'off track' : 'at risk'}: ${metric.name} is heading for ` +
      `${fmt(p.projected)} against a target of ${fmt(goal.target)} (${fmt(p.actual)} so far, ${Math.round(p.elapsedShare * 100)}% of the period gone).`,
    details: { goalId: goal.id, ...p },
  };
}

export async function checkRule(ctx: CheckContext, rule: AlertRuleView): Promise<Occurrence | undefined> {
  const c = rule.condition;
  switch (c.type) {
    case 'threshold':
      return checkThreshold(ctx, rule, c);
    case 'anomaly':
      return checkAnomaly(ctx, rule, c);
    case 'goal_pace':
      return checkGoalPace(ctx, rule, c);
  }
}
