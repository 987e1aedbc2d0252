/**
 * Findings the server computes from the data over a range (GET /api/v1/insights): a kind and its
 * parameters (KPI ids, raw values, pages, channels), worded here in the reader's language.
 */
import { request } from './client.ts';
import type { Comparison, QueryFilter, Unit } from './types.ts';

export const INSIGHT_KINDS = ['cac_above_ltv', 'pages_to_optimize', 'rising_cost_per_lead', 'largest_change'] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];
export type InsightSeverity = 'info' | 'warning' | 'critical';

export type Insight =
  | {
      kind: 'cac_above_ltv';
      severity: InsightSeverity;
      params: {
        overall: boolean;
        cac: number | null;
        ltv: number | null;
        ratio: number | null;
        channels: Array<{ channel: string; cac: number; ltv: number; ratio: number }>;
      };
    }
  | {
      kind: 'pages_to_optimize';
      severity: InsightSeverity;
      params: { pages: Array<{ page: string; sessions: number | null; bounce_rate: number | null; view_to_contact_rate: number | null }> };
    }
  | {
      kind: 'rising_cost_per_lead';
      severity: InsightSeverity;
      params: { metric: string; periods: string[]; channels: Array<{ channel: string; values: Array<number | null>; rise: number }> };
    }
  | {
      kind: 'largest_change';
      severity: InsightSeverity;
      /** `change` is a share of `previous`, or a difference in points for scores (`changeAs`). */
      params: {
        metric: string;
        unit: Unit | null;
        comparison: Comparison;
        value: number;
        previous: number;
        changeAs: 'share' | 'points';
        change: number;
        good: boolean | null;
      };
    };

export interface InsightView {
  from: string;
  to: string;
  compare: Comparison | 'none';
  filters: QueryFilter[];
}

function isInsight(value: unknown): value is Insight {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { kind?: unknown; params?: unknown };
  return INSIGHT_KINDS.includes(v.kind as InsightKind) && typeof v.params === 'object' && v.params !== null;
}

/** The query string of a view: its range, comparison and filters (written as /query's `DIM=VALUE`). */
export function insightsSearch(view: InsightView): string {
  const params = new URLSearchParams({ from: view.from, to: view.to, compare: view.compare });
  for (const f of view.filters) params.append('filter', `${f.dimension}=${f.value}`);
  return params.toString();
}

/** The insights this dashboard knows how to word; kinds from a newer server are left out. */
export async function fetchInsights(view: InsightView, signal?: AbortSignal): Promise<Insight[]> {
  const json = await request<{ insights?: unknown[] }>('GET', `/insights?${insightsSearch(view)}`, undefined, signal);
  return (json.insights ?? []).filter(isInsight);
}
