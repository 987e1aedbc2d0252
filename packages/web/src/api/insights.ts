/** Findings the server computes from the data over a range (GET /api/v1/insights). */
import { request } from './client.ts';

export const INSIGHT_KINDS = ['cac_above_ltv', 'pages_to_optimize', 'rising_cost_per_lead', 'largest_change'] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];

export interface Insight {
  kind: InsightKind;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  message: string;
  data: Record<string, unknown>;
}

export async function fetchInsights(range: { from: string; to: string }, signal?: AbortSignal): Promise<Insight[]> {
  const json = await request<{ insights?: Insight[] } | Insight[]>('GET', `/insights?${new URLSearchParams(range)}`, undefined, signal);
  return Array.isArray(json) ? json : (json.insights ?? []);
}
