/**
 * A goal: a target for one KPI over a period (a calendar month, quarter or year, or custom days),
 * optionally for one dimension value (a channel, a campaign, a sales rep as `owner` …).
 */
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { addMonths, type DayRange, formatDay, parseDay, truncDay } from '../metrics/periods.ts';

export const GOAL_PERIODS = ['month', 'quarter', 'year', 'custom'] as const;
export type GoalPeriod = (typeof GOAL_PERIODS)[number];

/** Share of the target a projection may fall short by and still be "at risk" rather than "off track". */
export const DEFAULT_GOAL_TOLERANCE = 0.1;

const identifier = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a snake_case id');
const day = z.string().refine((text) => parseDay(text) !== undefined, 'must be a date YYYY-MM-DD');

const goalFields = {
  name: z.string().trim().min(1).max(200).optional(),
  metric: identifier,
  target: z.number().finite(),
  period: z.enum(GOAL_PERIODS),
  /** First day; for month, quarter and year any day of it (the period is the one holding it). */
  from: day,
  /** Custom periods only: the day after the last (exclusive, as in queries). */
  to: day.optional(),
  /** One dimension value the goal is for, e.g. { dimension: 'owner', value: 'ann' }. */
  filter: z
    .object({ dimension: identifier, value: z.string().min(1).max(500) })
    .strict()
    .optional(),
  /** Which way is good; defaults to the KPI's direction, required for KPIs without one. */
  direction: z.enum(['up', 'down']).optional(),
  /** Shortfall of the projection (share of the target) still counted as at risk; default 0.1. */
  tolerance: z.number().min(0).max(1).optional(),
};

function checkPeriod(goal: { period: GoalPeriod; from: string; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (goal.period === 'custom') {
    if (goal.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'is required for a custom period' });
    else if ((parseDay(goal.to) ?? 0) <= (parseDay(goal.from) ?? 0))
      ctx.addIssue({ code: 'custom', path: ['to'], message: "must be after 'from'" });
  } else if (goal.to !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `is only for custom periods (a ${goal.period} ends by itself)` });
  }
}

export const goalInputSchema = z.object(goalFields).strict().superRefine(checkPeriod);
export const goalPatchSchema = z.object(goalFields).partial().strict();
export type GoalInput = z.infer<typeof goalInputSchema>;

/** The goal's days: [from, to) in the workspace timezone. */
export function goalRange(goal: Pick<GoalInput, 'period' | 'from' | 'to'>): DayRange {
  const first = parseDay(goal.from);
  if (first === undefined) throw new AppError('badDate', `bad date '${goal.from}'`);
  switch (goal.period) {
    case 'month':
    case 'quarter':
    case 'year': {
      const from = truncDay(first, goal.period);
      return { from, to: addMonths(from, goal.period === 'month' ? 1 : goal.period === 'quarter' ? 3 : 12) };
    }
    case 'custom': {
      const to = goal.to === undefined ? undefined : parseDay(goal.to);
      if (to === undefined || to <= first) throw new AppError('badDate', "a custom goal needs 'to' after 'from'");
      return { from: first, to };
    }
  }
}

/** The goal's period as dates, for answers and queries. */
export function goalDates(goal: Pick<GoalInput, 'period' | 'from' | 'to'>): { from: string; to: string } {
  const range = goalRange(goal);
  return { from: formatDay(range.from), to: formatDay(range.to) };
}
