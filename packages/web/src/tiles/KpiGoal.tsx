import { GoalProgressBar } from '../goals/GoalProgressBar.tsx';
import { goalForCard, useGoals } from '../goals/use-goals.ts';
import type { ViewState } from '../state/view-state.ts';
import { useShareSource } from './tile-source.ts';

/** A KPI card's goal: progress and pace of the KPI's goal over a period overlapping the view. */
export function KpiGoal({ metric, view }: { metric: string; view: ViewState }) {
  const share = useShareSource();
  const goals = useGoals(share === null);
  if (share === null && goals.isPending) return <div hidden aria-busy="true" data-pending="goals" />;
  const goal = goalForCard(goals.data, metric, view.from, view.to);
  return goal ? <GoalProgressBar goal={goal} compact /> : null;
}
