import { useQuery } from '@tanstack/react-query';
import { type Goal, listGoals } from '../api/goals.ts';

export const GOALS_KEY = ['goals'] as const;

export function useGoals(enabled = true) {
  return useQuery({ queryKey: GOALS_KEY, queryFn: ({ signal }) => listGoals(signal), retry: false, enabled });
}

/** The goal shown on a KPI card: the KPI's own (no dimension value), over a period that overlaps the view. */
export function goalForCard(goals: readonly Goal[] | undefined, metric: string, from: string, to: string): Goal | undefined {
  return goals?.find((g) => g.metric === metric && !g.filter && g.progress && g.from < to && from < g.to);
}
