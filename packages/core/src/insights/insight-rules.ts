/**
 * Rules that turn KPI values into insights. Each takes plain numbers (the server queries them) and
 * says whether, and how strongly, its finding holds.
 */

export type InsightSeverity = 'info' | 'warning' | 'critical';

/** CAC above LTV: a customer costs more to win than it brings. Critical when LTV:CAC < 1. */
export function cacAboveLtv(cac: number | null, ltv: number | null): { holds: boolean; ratio: number | null } {
  if (cac === null || ltv === null || cac <= 0) return { holds: false, ratio: null };
  return { holds: cac > ltv, ratio: ltv / cac };
}

export interface RisingOptions {
  /** Period-to-period steps that must each rise (default 2, i.e. the last 3 periods). */
  steps?: number;
  /** Minimum total rise from the first to the last of those periods, as a share (default 0.1). */
  minRise?: number;
}

/**
 * A series is rising when each of its last `steps` period-to-period changes is an increase and the
 * last value is at least `minRise` above the first of them. Periods without a value break the run.
 */
export function risingTrend(values: readonly (number | null)[], options: RisingOptions = {}): { rising: boolean; rise: number | null } {
  const steps = options.steps ?? 2;
  const minRise = options.minRise ?? 0.1;
  const tail = values.slice(-(steps + 1));
  if (tail.length < steps + 1 || tail.some((v) => v === null)) return { rising: false, rise: null };
  const nums = tail as number[];
  const first = nums[0] as number;
  const last = nums[nums.length - 1] as number;
  const rise = first > 0 ? (last - first) / first : null;
  const increasing = nums.every((v, i) => i === 0 || v > (nums[i - 1] as number));
  return { rising: increasing && rise !== null && rise >= minRise, rise };
}

export interface ChangeCandidate {
  metric: string;
  value: number | null;
  previous: number | null;
  direction: 'up' | 'down' | 'none';
  /**
   * How the change is measured: `share` (default), (value − previous) / |previous|; `points`, the
   * absolute difference, for scores on a fixed scale (NPS −100..100) where a share of a value near
   * 0 means nothing (2 → −2 is "−200 %").
   */
  changeAs?: 'share' | 'points';
}

export interface LargestChange extends ChangeCandidate {
  value: number;
  previous: number;
  changeAs: 'share' | 'points';
  /** (value − previous) / |previous| for `share`; value − previous for `points`. */
  change: number;
  /** Whether the move is good news for the KPI's direction; null when the KPI has none. */
  good: boolean | null;
}

/** Points of a score that rank like a 100 % change of a share: a 10-point NPS move ranks as 10 %. */
export const POINTS_PER_UNIT_CHANGE = 100;

/** Size of a change on one scale for ranking: shares as they are, points over POINTS_PER_UNIT_CHANGE. */
function rankOf(change: LargestChange): number {
  return Math.abs(change.changeAs === 'points' ? change.change / POINTS_PER_UNIT_CHANGE : change.change);
}

/**
 * The KPI whose change vs the comparison period is largest in size. KPIs without both values are
 * skipped, and so are `share` KPIs with a previous 0 (no share of nothing).
 */
export function largestChange(candidates: readonly ChangeCandidate[]): LargestChange | undefined {
  let best: LargestChange | undefined;
  for (const c of candidates) {
    if (c.value === null || c.previous === null) continue;
    const changeAs = c.changeAs ?? 'share';
    if (changeAs === 'share' && c.previous === 0) continue;
    const change = changeAs === 'points' ? c.value - c.previous : (c.value - c.previous) / Math.abs(c.previous);
    const good = c.direction === 'none' || change === 0 ? null : change > 0 === (c.direction === 'up');
    const candidate: LargestChange = { ...c, value: c.value, previous: c.previous, changeAs, change, good };
    if (best && rankOf(candidate) <= rankOf(best)) continue;
    best = candidate;
  }
  return best;
}
