/** Goals: a target for a KPI over a period, with progress and pace computed by the server. */
import { request } from './client.ts';

export const GOAL_PERIODS = ['month', 'quarter', 'year', 'custom'] as const;
export type GoalPeriod = (typeof GOAL_PERIODS)[number];
export type PaceStatus = 'on_track' | 'at_risk' | 'off_track' | 'not_started' | 'no_data';

export interface GoalInput {
  name?: string;
  metric: string;
  target: number;
  period: GoalPeriod;
  /** First day; for calendar periods any day of it. */
  from: string;
  /** Custom periods: the day after the last. */
  to?: string;
  filter?: { dimension: string; value: string };
}

export interface GoalProgress {
  actual: number | null;
  target: number;
  elapsedShare: number;
  progress: number | null;
  expectedToDate: number;
  projected: number | null;
  attainment: number | null;
  /** Where the recent pace (the last 7 days) leads; absent from older servers. */
  trendProjected?: number | null;
  pace: PaceStatus;
  achieved: boolean | null;
  asOf: string;
}

export interface Goal extends GoalInput {
  id: string;
  from: string;
  to: string;
  direction: 'up' | 'down';
  progress: GoalProgress | null;
  error?: string;
}

export async function listGoals(signal?: AbortSignal): Promise<Goal[]> {
  return (await request<{ goals: Goal[] }>('GET', '/goals', undefined, signal)).goals;
}

export function createGoal(input: GoalInput): Promise<Goal> {
  return request('POST', '/goals', input);
}

export function updateGoal(id: string, input: GoalInput): Promise<Goal> {
  return request('PUT', `/goals/${encodeURIComponent(id)}`, input);
}

export function deleteGoal(id: string): Promise<void> {
  return request('DELETE', `/goals/${encodeURIComponent(id)}`);
}
