/**
 * Insights from the workspace's data over a range (the rules are in @northstar/core insights):
 * - cac_above_ltv: CAC above LTV overall and per channel (a customer costs more than it brings);
 * - pages_to_optimize: the first pages of the pages_to_optimize KPI (high bounce, low view-to-contact);
 * - rising_cost_per_lead: channels whose cost per lead rose month on month over the last three
 *   complete months before the range ends, by at least 10 % in all;
 * - largest_change: the headline KPI that moved most vs the comparison period the reader chose
 *   (previous period or the same period last year; none: no such insight). Small samples are left
 *   out, as a move of a few is not news: counts below MIN_COUNT on both sides (1 → 3), and rates and
 *   scores whose base (sessions, survey responses: SAMPLE_BASE) is below MIN_SAMPLE on either side
 *   (NPS 2 → −2 from a handful of answers). Scores move in points, not as a share (core largestChange).
 *
 * The reader's filters (channel, campaign …) apply to every rule; a rule whose KPIs cannot be cut
 * by one of them says nothing rather than speak about unfiltered data under a filtered page.
 *
 * An insight is data, not prose: a kind and its parameters (KPI ids, raw values, pages, channels),
 * so each client words it in its reader's language and formats the numbers for their locale.
 */
import {
  alertWindow,
  allowedDimensions,
  type Catalog,
  type ChangeCandidate,
  cacAboveLtv,
  formatDay,
  largestChange,
  parseDay,
  type QueryFilter,
  type QueryRequest,
  type ResultRow,
  risingTrend,
  type Unit,
} from '@northstar/core';
import { runQuery } from '../metrics/run-query.ts';
import type { Store } from '../store/store.ts';

export type InsightSeverity = 'info' | 'warning' | 'critical';

export interface ChannelCacLtv {
  channel: string;
  cac: number;
  ltv: number;
  /** LTV / CAC, below 1 here. */
  ratio: number;
}

export interface PageToOptimize {
  page: string;
  sessions: number | null;
  bounce_rate: number | null;
  view_to_contact_rate: number | null;
}

export interface RisingChannel {
  channel: string;
  /** Cost per lead of each period in `periods`, in the workspace currency. */
  values: Array<number | null>;
  /** (last − first) / first over those periods. */
  rise: number;
}

export type Insight =
  | {
      kind: 'cac_above_ltv';
      severity: InsightSeverity;
      /** Whether CAC is above LTV for the workspace as a whole, not only on some channels. */
      params: { overall: boolean; cac: number | null; ltv: number | null; ratio: number | null; channels: ChannelCacLtv[] };
    }
  | { kind: 'pages_to_optimize'; severity: InsightSeverity; params: { pages: PageToOptimize[] } }
  | {
      kind: 'rising_cost_per_lead';
      severity: InsightSeverity;
      /** Month starts (YYYY-MM-DD), oldest first. */
      params: { metric: 'cost_per_lead'; periods: string[]; channels: RisingChannel[] };
    }
  | {
      kind: 'largest_change';
      severity: InsightSeverity;
      /**
       * `change` is (value − previous) / |previous| when `changeAs` is `share`, value − previous when
       * `points` (scores); `good` says whether that is good news for the KPI's direction.
       */
      params: {
        metric: string;
        unit: Unit | null;
        comparison: InsightComparison;
        value: number;
        previous: number;
        changeAs: 'share' | 'points';
        change: number;
        good: boolean | null;
      };
    };
export type InsightKind = Insight['kind'];
export type InsightComparison = 'previous' | 'year';

/** Counts below this on both sides are too small to headline. */
export const MIN_COUNT = 10;
/** Rates and scores need at least this many of their base (sessions, responses) on each side. */
export const MIN_SAMPLE = 30;
/** The count a rate or score KPI is a share or an average of; one without a base is never headlined. */
export const SAMPLE_BASE: Readonly<Record<string, string>> = {
  conversion_rate: 'sessions',
  bounce_rate: 'sessions',
  nps: 'nps_responses',
};

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
  comparison: InsightComparison | 'none';
  filters: QueryFilter[];
}

export interface InsightOptions {
  from: string;
  to: string;
  now: Date;
  catalog: Catalog;
  /** Default previous. */
  comparison?: InsightComparison | 'none';
  filters?: QueryFilter[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Whether every one of the metrics can be cut by every filter dimension in view. */
function filterable(ctx: Ctx, ids: readonly string[]): boolean {
  return ids.every((id) => {
    const metric = ctx.catalog.metrics.get(id);
    if (!metric) return false;
    const allowed = allowedDimensions(ctx.catalog, metric);
    return ctx.filters.every((f) => allowed.includes(f.dimension));
  });
}

/** Runs a query under the reader's filters; rules check `filterable` first. */
async function query(ctx: Ctx, request: QueryRequest): Promise<ResultRow[]> {
  const filtered = ctx.filters.length > 0 ? { ...request, filters: ctx.filters } : request;
  return (await runQuery(ctx.store, filtered, { catalog: ctx.catalog, now: ctx.now })).rows;
}

async function cacVsLtv(ctx: Ctx): Promise<Insight[]> {
  if (!filterable(ctx, ['cac', 'ltv'])) return [];
  const range = { from: ctx.from, to: ctx.to, grain: 'all' as const };
  const [total] = await query(ctx, { metrics: ['cac', 'ltv'], ...range });
  const byChannel = await query(ctx, { metrics: ['cac', 'ltv'], ...range, dimensions: ['channel'] });
  const cac = num(total?.cac);
  const ltv = num(total?.ltv);
  const overall = cacAboveLtv(cac, ltv);
  const channels = byChannel.flatMap((r): ChannelCacLtv[] => {
    const [c, l] = [num(r.cac), num(r.ltv)];
    const found = cacAboveLtv(c, l);
    return found.holds && c !== null && l !== null && found.ratio !== null
      ? [{ channel: String(r.channel), cac: c, ltv: l, ratio: found.ratio }]
      : [];
  });
  if (!overall.holds && channels.length === 0) return [];
  return [
    {
      kind: 'cac_above_ltv',
      severity: overall.holds ? 'critical' : 'warning',
      params: { overall: overall.holds, cac, ltv, ratio: overall.ratio, channels },
    },
  ];
}

async function pagesToOptimize(ctx: Ctx): Promise<Insight[]> {
  if (!filterable(ctx, ['pages_to_optimize'])) return [];
  const rows = await query(ctx, { metrics: ['pages_to_optimize'], from: ctx.from, to: ctx.to, limit: 5 });
  if (rows.length === 0) return [];
  const pages = rows.map((r) => ({
    page: String(r.page),
    sessions: num(r.sessions),
    bounce_rate: num(r.bounce_rate),
    view_to_contact_rate: num(r.view_to_contact_rate),
  }));
  return [{ kind: 'pages_to_optimize', severity: 'info', params: { pages } }];
}

async function risingCostPerLead(ctx: Ctx): Promise<Insight[]> {
  if (!filterable(ctx, ['cost_per_lead'])) return [];
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
    .flatMap((c): RisingChannel[] => {
      const trend = risingTrend(c.values);
      return trend.rising && trend.rise !== null ? [{ ...c, rise: trend.rise }] : [];
    })
    .sort((a, b) => b.rise - a.rise);
  if (rising.length === 0) return [];
  return [{ kind: 'rising_cost_per_lead', severity: 'warning', params: { metric: 'cost_per_lead', periods, channels: rising } }];
}

/** Whether a KPI's values on both sides are of a sample large enough to headline (see MIN_COUNT, MIN_SAMPLE). */
function largeEnough(ctx: Ctx, id: string, row: ResultRow | undefined): boolean {
  const metric = ctx.catalog.metrics.get(id);
  if (metric?.kind !== 'series') return false;
  const sides = (column: string) => [num(row?.[column]) ?? 0, num(row?.[`${column}_previous`]) ?? 0];
  if (metric.unit === 'count') return Math.max(...sides(id)) >= MIN_COUNT;
  if (metric.unit !== 'rate' && metric.unit !== 'score') return true;
  const base = SAMPLE_BASE[id];
  return base !== undefined && Math.min(...sides(base)) >= MIN_SAMPLE;
}

async function largestKpiChange(ctx: Ctx): Promise<Insight[]> {
  const { comparison } = ctx;
  if (comparison === 'none') return [];
  const metrics = HEADLINE_KPIS.filter((id) => {
    const base = SAMPLE_BASE[id];
    return ctx.catalog.metrics.get(id)?.kind === 'series' && filterable(ctx, base ? [id, base] : [id]);
  });
  if (metrics.length === 0) return [];
  const bases = [...new Set(metrics.flatMap((id) => SAMPLE_BASE[id] ?? []))].filter((id) => !(metrics as readonly string[]).includes(id));
  const [row] = await query(ctx, { metrics: [...metrics, ...bases], from: ctx.from, to: ctx.to, grain: 'all', comparison });
  const candidates: ChangeCandidate[] = metrics.flatMap((id) => {
    const metric = ctx.catalog.metrics.get(id);
    if (metric?.kind !== 'series' || !largeEnough(ctx, id, row)) return [];
    const changeAs = metric.unit === 'score' ? ('points' as const) : ('share' as const);
    return [{ metric: id, value: num(row?.[id]), previous: num(row?.[`${id}_previous`]), direction: metric.direction, changeAs }];
  });
  const best = largestChange(candidates);
  if (!best) return [];
  const metric = ctx.catalog.metrics.get(best.metric);
  const { metric: id, value, previous, changeAs, change, good } = best;
  return [
    {
      kind: 'largest_change',
      severity: good === false ? 'warning' : 'info',
      params: { metric: id, unit: metric?.kind === 'series' ? metric.unit : null, comparison, value, previous, changeAs, change, good },
    },
  ];
}

export async function computeInsights(store: Store, options: InsightOptions) {
  const { currency } = await store.getSettings();
  const { comparison = 'previous', filters = [], ...rest } = options;
  const ctx: Ctx = { store, ...rest, comparison, filters };
  const rules: Array<[InsightKind, (c: Ctx) => Promise<Insight[]>]> = [
    ['cac_above_ltv', cacVsLtv],
    ['rising_cost_per_lead', risingCostPerLead],
    ['largest_change', largestKpiChange],
    ['pages_to_optimize', pagesToOptimize],
  ];
  // The rules are independent: their queries run side by side on the store's read connections.
  const outcomes = await Promise.all(
    rules.map(async ([kind, rule]) => {
      try {
        return { kind, found: await rule(ctx) };
      } catch (error) {
        return { kind, found: [], message: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const insights: Insight[] = outcomes.flatMap((o) => o.found);
  const errors = outcomes.flatMap(({ kind, message }) => (message === undefined ? [] : [{ kind, message }]));
  // Money values are in the workspace currency, said once here for clients that format them.
  return { from: options.from, to: options.to, comparison, filters, currency, insights, errors };
}
