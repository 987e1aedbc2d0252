/** Comparing two conversion rates: the two-proportion z-test and the sample size it needs. */
import { normalCdf, normalQuantile } from './normal.ts';

export interface ProportionComparison {
  /** Rate of B − rate of A. */
  difference: number;
  z: number | null;
  /** Two-sided p-value of H0: equal rates (pooled standard error); null when undefined. */
  pValue: number | null;
  /** Confidence interval of the difference (unpooled, Wald). */
  interval: [number, number] | null;
}

/** A = control (conversions, visitors), B = variant. */
export function compareProportions(
  conversionsA: number,
  visitorsA: number,
  conversionsB: number,
  visitorsB: number,
  confidence = 0.95,
): ProportionComparison | null {
  if (visitorsA <= 0 || visitorsB <= 0) return null;
  const pA = conversionsA / visitorsA;
  const pB = conversionsB / visitorsB;
  const difference = pB - pA;
  const pooled = (conversionsA + conversionsB) / (visitorsA + visitorsB);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / visitorsA + 1 / visitorsB));
  const z = sePooled > 0 ? difference / sePooled : null;
  const pValue = z === null ? null : Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  const se = Math.sqrt((pA * (1 - pA)) / visitorsA + (pB * (1 - pB)) / visitorsB);
  const k = normalQuantile(1 - (1 - confidence) / 2);
  const interval: [number, number] | null = se > 0 ? [difference - k * se, difference + k * se] : null;
  return { difference, z, pValue, interval };
}

/**
 * Visitors per variant to detect a change from rate p1 to p2 with a two-sided test:
 * n = (z_{1−α/2} √(2 p̄ (1 − p̄)) + z_{1−β} √(p1 (1 − p1) + p2 (1 − p2)))² / (p2 − p1)², p̄ = (p1 + p2) / 2.
 */
export function sampleSizePerVariant(p1: number, p2: number, alpha = 0.05, power = 0.8): number | null {
  if (p1 === p2 || p1 < 0 || p1 > 1 || p2 < 0 || p2 > 1) return null;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const mean = (p1 + p2) / 2;
  const n = (za * Math.sqrt(2 * mean * (1 - mean)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2;
  return Math.ceil(n);
}
