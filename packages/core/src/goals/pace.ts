/**
 * Goal progress and pace. The rule, in full:
 *
 * - elapsed share e = (now − start of the period) / (end − start), in [0, 1], with the period's
 *   bounds at local midnight in the workspace timezone.
 * - actual A = the KPI over [period start, today + 1), i.e. everything so far.
 * - projected P (the value the period is heading for):
 *     additive KPIs (counts and sums: leads, sales_revenue, marketing_spend …): A / e, the run rate
 *       so far extrapolated linearly to the whole period (A itself once the period is over);
 *     other KPIs (rates, ratios, averages, levels: conversion_rate, cac, followers …): A, the
 *       current value is the best estimate of where the period ends.
 * - attainment R, ≥ 1 is good: P / T when higher is better, T / P when lower is better (cac,
 *   marketing_spend as a cap). Zero divisors: nothing to reach (T ≤ 0, up) or nothing spent
 *   (P ≤ 0, down) is on track; a down target of 0 exceeded is off track.
 * - pace: on_track when R ≥ 1; at_risk when R ≥ 1 − tolerance (default 0.1: within 10 % of the
 *   target); off_track otherwise. Before the period starts: not_started; without a value: no_data.
 *   Once the period is over the same status says whether the goal was achieved.
 * - progress = A / T (the raw share of the target reached), expectedToDate = T × e for additive
 *   KPIs (where a steady pace would be by now) and T for the others.
 */
import { TZDate } from '@date-fns/tz';
import type { DayRange } from '../metrics/periods.ts';
import { localMidnightUtc } from '../metrics/periods.ts';
import { DEFAULT_GOAL_TOLERANCE } from './goal.ts';

export const PACE_STATUSES = ['on_track', 'at_risk', 'off_track', 'not_started', 'no_data'] as const;
export type PaceStatus = (typeof PACE_STATUSES)[number];

export interface PaceInput {
  actual: number | null;
  target: number;
  elapsedShare: number;
  additive: boolean;
  direction: 'up' | 'down';
  tolerance?: number;
}

export interface GoalProgress {
  actual: number | null;
  target: number;
  elapsedShare: number;
  /** actual / target; null when the target is 0 or there is no value. */
  progress: number | null;
  expectedToDate: number;
  projected: number | null;
  /** Direction-aware projected / target (≥ 1 is good); null when it divides by zero. */
  attainment: number | null;
  pace: PaceStatus;
  /** Set once the period is over: whether the target was met. */
  achieved: boolean | null;
}

function attainmentOf(projected: number, target: number, direction: 'up' | 'down'): number {
  if (direction === 'up') return target <= 0 ? Number.POSITIVE_INFINITY : projected / target;
  if (projected <= 0) return Number.POSITIVE_INFINITY;
  return target / projected;
}

export function computeGoalProgress(input: PaceInput): GoalProgress {
  const { actual, target, additive, direction } = input;
  const e = Math.min(1, Math.max(0, input.elapsedShare));
  const tolerance = input.tolerance ?? DEFAULT_GOAL_TOLERANCE;
  const base = {
    actual,
    target,
    elapsedShare: e,
    progress: actual === null || target === 0 ? null : actual / target,
    expectedToDate: additive ? target * e : target,
  };
  if (e === 0) return { ...base, projected: null, attainment: null, pace: 'not_started', achieved: null };
  if (actual === null) return { ...base, projected: null, attainment: null, pace: 'no_data', achieved: e >= 1 ? false : null };
  const projected = additive ? actual / e : actual;
  const r = attainmentOf(projected, target, direction);
  const pace: PaceStatus = r >= 1 ? 'on_track' : r >= 1 - tolerance ? 'at_risk' : 'off_track';
  return {
    ...base,
    projected,
    attainment: Number.isFinite(r) ? r : null,
    pace,
    achieved: e >= 1 ? r >= 1 : null,
  };
}

function instantOf(day: number, timezone: string): number {
  return Date.parse(`${localMidnightUtc(day, timezone).replace(' ', 'T')}Z`);
}

/** Share of the period [from, to) elapsed at `nowMs`, in [0, 1], with days in `timezone`. */
export function elapsedShare(range: DayRange, nowMs: number, timezone: string): number {
  const start = instantOf(range.from, timezone);
  const end = instantOf(range.to, timezone);
  return Math.min(1, Math.max(0, (nowMs - start) / (end - start)));
}

/** The day number of `nowMs`'s calendar date in `timezone`. */
export function localDay(nowMs: number, timezone: string): number {
  const local = new TZDate(nowMs, timezone);
  return Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / 86_400_000;
}
