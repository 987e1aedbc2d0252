/**
 * Which period an alert looks at: the last complete day, week (Monday first) or month before
 * `today` in the workspace timezone, and the `baseline` complete periods before that one.
 */
import { addMonths, formatDay, truncDay } from '../metrics/periods.ts';
import type { AlertGrain } from './alert-rule.ts';

export interface AlertWindow {
  /** First day of the baseline (= of the checked period when there is no baseline). */
  from: number;
  /** First day of the checked period. */
  checkedFrom: number;
  /** Day after the checked period: the start of the current, incomplete one. */
  to: number;
  /** Label of the checked period ('YYYY-MM-DD' of its first day): part of the occurrence key. */
  label: string;
}

function previousStart(start: number, grain: AlertGrain): number {
  return grain === 'month' ? addMonths(start, -1) : truncDay(start - 1, grain);
}

export function alertWindow(today: number, grain: AlertGrain, baseline = 0): AlertWindow {
  const to = truncDay(today, grain);
  const checkedFrom = previousStart(to, grain);
  let from = checkedFrom;
  for (let i = 0; i < baseline; i++) from = previousStart(from, grain);
  return { from, checkedFrom, to, label: formatDay(checkedFrom) };
}
