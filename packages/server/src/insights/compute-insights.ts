/**
 * Insights from the workspace's data over a range (the rules are in @northstar/core insights):
 * - cac_above_ltv: CAC above LTV overall and per channel (a customer costs more than it brings);
 * - pages_to_optimize: the first pages of the pages_to_optimize KPI (high bounce, low view-to-contact);
 * - rising_cost_per_lead: channels whose cost per lead rose month on month over the last three
 *   complete months before the range ends, by at least 10 % in all;
 * - largest_change: the headline KPI that moved most vs the previous period (counts below 10 on
 *   both sides are left out: 1 → 3 is not news).
 */
import {
  alertWindow,
  type Catalog,
  type ChangeCandidate,
  cacAboveLtv,
  formatDay,
  largestChange,
  parseDay,
  type QueryRequest,
  type ResultRow,
  risingTrend,
} from '@northstar/core';
import { runQuery } from '../metrics/run-query.ts';
import { formatValue } from '../reports/format-value.ts';
import type { Store } from '../store/store.ts';

export type InsightKind = 'cac_above_ltv' | 'pages_to_optimize' | 'rising_cost_per_lead' | 'largest_change';

export interface Insight {
  kind: InsightKind;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  message: string;
  data: Record<string, unknown>;
}

export const HEADLINE_KPIS = [
  'sessions',
  'visitors',
  'conversions',
  'conversion_rate',
  'bounce_rate',
  'leads',
  'mqls',
  'sqls',
  'new_customers',
  'sales_revenue',
  'marketing_spend',
  'cac',
  'cost_per_lead',
  'roas',
  'nps',
] as const;

interface Ctx {
  store: Store;
  catalog: Catalog;
  now: Date;
  from: string;
  to: string;
  currency: string;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

async function query(ctx: Ctx, request: QueryRequest): Promise<ResultRow[]> {
  return (await runQuery(ctx.store, request, { catalog: ctx.catalog, now: ctx.now })).rows;
}

function money(ctx: Ctx, v: number | null): string {
  return formatValue(v, 'money', ctx.currency);
}

async function cacVsLtv(ctx: Ctx): Promise<Insight[]> {
  const range = { from: ctx.from, to: ctx.to, grain: 'all' as const };
  const [total] = await query(ctx, { metrics: ['cac', 'ltv'], ...range });
  const byChannel = await query(ctx, { metrics: ['cac', 'ltv'], ...range, dimensions: ['channel'] });
  const overall = cacAboveLtv(num(total?.cac), num(total?.ltv));
  const channels = byChannel
    .map((r) => ({ channel: String(r.channel), cac: num(r.cac), ltv: num(r.ltv), ...cacAboveLtv(num(r.cac), num(r.ltv)) }))
    .filter((r) => r.holds);
  if (!overall.holds && channels.length === 0) return [];
  const where = channels.map((c) => `${c.channel} (CAC ${money(ctx, c.cac)}, LTV ${money(ctx, c.ltv)})`).join('; ');
  const message = overall.holds
    ? `CAC is ${money(ctx, num(total?.cac))} and LTV ${money(ctx, num(total?.ltv))}: each customer costs more to win than it brings.${where ? ` By channel: ${where}.` : ''}`
    : `Overall LTV covers CAC, but not on these channels: ${where}.`;
  return [
    {
      kind: 'cac_above_ltv',
      severity: overall.holds ? 'critical' : 'warning',
      title: 'CAC is higher than LTV',
      message,
      data: { cac: num(total?.cac), ltv: num(total?.ltv), ratio: overall.ratio, channels },
    },
  ];
}

async function pagesToOptimize(ctx: Ctx): Promise<Insight[]> {
  const rows = await query(ctx, { metrics: ['pages_to_optimize'], from: ctx.from, to: ctx.to, limit: 5 });
  if (rows.length === 0) return [];
  const list = rows.map(
    (r) =>
      `${String(r.page)} (bounce ${formatValue(r.bounce_rate, 'rate')}, view-to-contact ${formatValue(r.view_to_contact_rate, 'rate')}, ${formatValue(r.sessions, 'count')} sessions)`,
  );
  return [
    {
      kind: 'pages_to_optimize',
      severity: 'info',
      title: 'Pages to optimize first',
      message: `High bounce and few new contacts: ${list.join('; ')}.`,
      data: { pages: rows },
    },
  ];
}

async function risingCostPerLead(ctx: Ctx): Promise<Insight[]> {
  const window = alertWindow(parseDay(ctx.to) as number, 'month', 2);
  const rows = await query(ctx, {
    metrics: ['cost_per_lead'],
    from: formatDay(window.from),
    to: formatDay(window.to),
    grain: 'month',
    dimensions: ['channel'],
  });
  const periods = [...new Set(rows.map((r) => String(r.period)))].sort();
  const byChannel = new Map<string, Map<string, number | null>>();
  for (const r of rows) {
    const series = byChannel.get(String(r.channel)) ?? new Map<string, number | null>();
    series.set(String(r.period), num(r.cost_per_lead));
    byChannel.set(String(r.channel), series);
  }
  const rising = [...byChannel.entries()]
    .map(([channel, series]) => ({ channel, values: periods.map((p) => series.get(p) ?? null) }))
    .map((c) => ({ ...c, ...risingTrend(c.values) }))
    .filter((c) => c.rising)
    .sort((a, b) => (b.rise ?? 0) - (a.rise ?? 0));
  if (rising.length === 0) return [];
  const list = rising.map((c) => `${c.channel} ${c.values.map((v) => money(ctx, v)).join(' → ')} (+${Math.round((c.rise ?? 0) * 100)}%)`);
  return [
    {
      kind: 'rising_cost_per_lead',
      severity: 'warning',
      title: 'Cost per lead is rising',
      message: `Month on month over ${periods[0]?.slice(0, 7)} – ${periods[periods.length - 1]?.slice(0, 7)}: ${list.join('; ')}.`,
      data: { periods, channels: rising.map(({ channel, values, rise }) => ({ channel, values, rise })) },
    },
  ];
}

async function largestKpiChange(ctx: Ctx): Promise<Insight[]> {
  const metrics = HEADLINE_KPIS.filter((id) => ctx.catalog.metrics.get(id)?.kind === 'series');
  const [row] = await query(ctx, { metrics, from: ctx.from, to: ctx.to, grain: 'all', comparison: 'previous' });
  const candidates: ChangeCandidate[] = metrics.flatMap((id) => {
    const metric = ctx.catalog.metrics.get(id);
    if (metric?.kind !== 'series') return [];
    const value = num(row?.[id]);
    const previous = num(row?.[`${id}_previous`]);
    if (metric.unit === 'count' && Math.max(value ?? 0, previous ?? 0) < 10) return [];
    return [{ metric: id, value, previous, direction: metric.direction }];
  });
  const best = largestChange(candidates);
  if (!best) return [];
  const metric = ctx.catalog.metrics.get(best.metric);
  const unit = metric?.kind === 'series' ? metric.unit : undefined;
  const pct = `${best.change > 0 ? '+' : ''}${(best.change * 100).toFixed(1)}%`;
  return [
    {
      kind: 'largest_change',
      severity: best.good === false ? 'warning' : 'info',
      title: `${metric?.name ?? best.metric} moved most: ${pct}`,
      message: `${metric?.name ?? best.metric} was ${formatValue(best.value, unit, ctx.currency)} vs ${formatValue(best.previous, unit, ctx.currency)} in the previous period (${pct}${best.good === null ? '' : best.good ? ', good news' : ', bad news'}).`,
      data: { ...best },
    },
  ];
}

export async function computeInsights(store: Store, options: { from: string; to: string; now: Date; catalog: Catalog }) {
  const settings = await store.getSettings();
  const ctx: Ctx = { store, ...options, currency: settings.currency };
  const rules: Array<[InsightKind, (c: Ctx) => Promise<Insight[]>]> = [
    ['cac_above_ltv', cacVsLtv],
    ['rising_cost_per_lead', risingCostPerLead],
    ['largest_change', largestKpiChange],
    ['pages_to_optimize', pagesToOptimize],
  ];
  const insights: Insight[] = [];
  const errors: Array<{ kind: InsightKind; message: string }> = [];
  for (const [kind, rule] of rules) {
    try {
      insights.push(...(await rule(ctx)));
    } catch (error) {
      errors.push({ kind, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { from: options.from, to: options.to, insights, errors };
}
