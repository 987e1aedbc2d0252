/**
 * Goal progress and pace. The rule, in full:
 *
 * - elapsed share e = (now − start of the period) / (end − start), in [0, 1], with the period's
 *   bounds at local midnight in the workspace timezone.
 * - actual A = the KPI over [period start, today + 1), i.e. everything so far.
 * - projected P (run rate: where the period is heading at its average pace so far):
 *     additive KPIs (counts and sums: leads, sales_revenue, marketing_spend …): A / e, the run rate
 *       so far extrapolated linearly to the whole period (A itself once the period is over);
 *     other KPIs (rates, ratios, averages, levels: conversion_rate, cac, followers …): A, the
 *       current value is the best estimate of where the period ends.
 * - trend projection Pt (where it is heading at its recent pace), from the recent window: the
 *   days from the local midnight 7 days before now (a whole weekly cycle, so no weekday bias;
 *   a share of the elapsed time would be two weekend days early in a month) to now, clipped to
 *   the period (recentWindow). With R the KPI over that window and s the window's share of the
 *   period:
 *     additive KPIs: A + (R / s) × (1 − e), what is done plus the rest of the period at the recent rate;
 *     other KPIs: R, the level lately.
 *   While the period is younger than the window, Pt = P; once it is over, Pt = A.
 * - attainment of a projection X, ≥ 1 is good: X / T when higher is better, T / X when lower is
 *   better (cac, marketing_spend as a cap). Zero divisors: nothing to reach (T ≤ 0, up) or nothing
 *   spent (X ≤ 0, down) is reached; a down target of 0 exceeded is not.
 * - pace, from both attainments: on_track when both reach the target (≥ 1); off_track when neither
 *   comes within the tolerance (< 1 − tolerance; default 0.1: within 10 % of the target); at_risk
 *   otherwise — one reaches and the other does not, or a shortfall within the tolerance. Without a
 *   trend (no recent window given, or a non-additive KPI without a recent value) P alone decides.
 *   Before the period starts: not_started; without a value: no_data. Once the period is over the
 *   same status says whether the goal was achieved.
 * - progress = A / T (the raw share of the target reached), expectedToDate = T × e for additive
 *   KPIs (where a steady pace would be by now) and T for the others.
 */
import { localDay } from '../inputs/zoned-time.ts';
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
  /** The KPI over the recent window (recentWindow) and that window's share of the period so far. */
  recent?: { value: number | null; share: number };
}

/** The recent window's days [from, to) and the share of the period it covers up to now. */
export interface RecentWindow {
  from: number;
  to: number;
  share: number;
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
  /** The trend projection (see the rule above); null without one. */
  trendProjected: number | null;
  /** Direction-aware trendProjected / target; null without a trend or when it divides by zero. */
  trendAttainment: number | null;
  pace: PaceStatus;
  /** Set once the period is over: whether the target was met. */
  achieved: boolean | null;
}

function attainmentOf(projected: number, target: number, direction: 'up' | 'down'): number {
  if (direction === 'up') return target <= 0 ? Number.POSITIVE_INFINITY : projected / target;
  if (projected <= 0) return Number.POSITIVE_INFINITY;
  return target / projected;
}

/** Where the recent pace leads (see the rule above); null without a usable recent value. */
function trendProjection(input: PaceInput, actual: number, e: number): number | null {
  const { recent } = input;
  if (!recent || e >= 1) return e >= 1 ? actual : null;
  if (!input.additive) return recent.value;
  if (recent.share <= 0) return null;
  // An additive KPI with nothing in the window did not move lately: that is the trend.
  return actual + ((recent.value ?? 0) / recent.share) * (1 - e);
}

function paceOf(attainments: readonly number[], tolerance: number): PaceStatus {
  if (attainments.every((r) => r >= 1)) return 'on_track';
  return attainments.some((r) => r >= 1 - tolerance) ? 'at_risk' : 'off_track';
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
  const none = { projected: null, attainment: null, trendProjected: null, trendAttainment: null };
  if (e === 0) return { ...base, ...none, pace: 'not_started', achieved: null };
  if (actual === null) return { ...base, ...none, pace: 'no_data', achieved: e >= 1 ? false : null };
  const projected = additive ? actual / e : actual;
  const r = attainmentOf(projected, target, direction);
  const trendProjected = trendProjection(input, actual, e);
  const rt = trendProjected === null ? null : attainmentOf(trendProjected, target, direction);
  const finite = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);
  return {
    ...base,
    projected,
    attainment: finite(r),
    trendProjected,
    trendAttainment: finite(rt),
    pace: paceOf(rt === null ? [r] : [r, rt], tolerance),
    achieved: e >= 1 ? r >= 1 : null,
  };
}

/**
 * The recent window at `nowMs`: from the local midnight of the day 7 × 24 h before now (not before
 * the period starts) to the end of today (not after it ends), so queries cover whole days; its
 * share is the time from its start to now (or the period's end) over the period's length.
 */
export function recentWindow(range: DayRange, nowMs: number, timezone: string): RecentWindow {
  const from = Math.min(range.to, Math.max(range.from, localDay(nowMs - RECENT_DAYS * 86_400_000, timezone)));
  const to = Math.max(from, Math.min(range.to, localDay(nowMs, timezone) + 1));
  const start = instantOf(range.from, timezone);
  const end = instantOf(range.to, timezone);
  const covered = Math.max(0, Math.min(nowMs, end) - instantOf(from, timezone));
  return { from, to, share: Math.min(1, covered / (end - start)) };
}

/** Days of the recent window: a whole weekly cycle. */
export const RECENT_DAYS = 7;

function instantOf(day: number, timezone: string): number {
  return Date.parse(`${localMidnightUtc(day, timezone).replace(' ', 'T')}Z`);
}

/** Share of the period [from, to) elapsed at `nowMs`, in [0, 1], with days in `timezone`. */
export function elapsedShare(range: DayRange, nowMs: number, timezone: string): number {
  const start = instantOf(range.from, timezone);
  const end = instantOf(range.to, timezone);
  return Math.min(1, Math.max(0, (nowMs - start) / (end - start)));
}
