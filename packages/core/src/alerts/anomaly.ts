/**
 * Anomaly against a trailing baseline, by a robust z-score: the value's distance from the median of
 * the previous N periods, in units of the scaled median absolute deviation (1.4826 × MAD, which
 * equals the standard deviation for normal data but is not dragged by one earlier outlier).
 * Anomalous when |z| > k (the sensitivity; 3 by default, lower fires more often).
 * When MAD is 0 (more than half the baseline is one value) the scale falls back to 1.2533 × the
 * mean absolute deviation from the median; when that is 0 too the baseline is constant and any
 * different value is anomalous. Periods without a value are left out of the baseline, and fewer
 * than `minBaseline` values (default 5) decide nothing.
 */
export type AnomalyDirection = 'both' | 'up' | 'down';

export interface AnomalyOptions {
  sensitivity?: number;
  minBaseline?: number;
  direction?: AnomalyDirection;
}

export interface AnomalyResult {
  anomalous: boolean;
  /** Robust z-score; null when it cannot be computed (no value, short baseline) or is infinite. */
  score: number | null;
  median: number | null;
  /** The scale z divides by. */
  scale: number | null;
  baselineSize: number;
}

export const DEFAULT_SENSITIVITY = 3;
export const DEFAULT_MIN_BASELINE = 5;
const MAD_TO_SD = 1.4826;
const MEAN_AD_TO_SD = 1.2533;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function detectAnomaly(value: number | null, baseline: readonly (number | null)[], options: AnomalyOptions = {}): AnomalyResult {
  const k = options.sensitivity ?? DEFAULT_SENSITIVITY;
  const values = baseline.filter((v): v is number => v !== null && Number.isFinite(v));
  const none = { anomalous: false, score: null, median: null, scale: null, baselineSize: values.length };
  if (value === null || values.length < (options.minBaseline ?? DEFAULT_MIN_BASELINE)) return none;
  const m = median(values);
  const deviations = values.map((v) => Math.abs(v - m));
  let scale = MAD_TO_SD * median(deviations);
  if (scale === 0) scale = (MEAN_AD_TO_SD * deviations.reduce((a, b) => a + b, 0)) / deviations.length;
  const diff = value - m;
  const z = scale === 0 ? (diff === 0 ? 0 : Math.sign(diff) * Number.POSITIVE_INFINITY) : diff / scale;
  const direction = options.direction ?? 'both';
  const beyond = direction === 'up' ? z > k : direction === 'down' ? z < -k : Math.abs(z) > k;
  return { anomalous: beyond, score: Number.isFinite(z) ? z : null, median: m, scale, baselineSize: values.length };
}
