/**
 * The global view (date range, grain, comparison, filters) lives in the URL query so a view can
 * be shared by link: `?range=custom&start=2026-01-01&end=2026-01-31&grain=week&compare=year&channel=Email`.
 * `end` is the last day shown (inclusive); the API's `to` is the day after.
 */
import { type Comparison, GRAINS, type Grain, type QueryFilter } from '../api/types.ts';
import { autoGrain, type DateRange, isRangePreset, type RangeKey, resolvePreset } from './date-range.ts';
import { addDays, isDay } from './dates.ts';

export const FILTER_DIMENSIONS = ['channel', 'source', 'campaign', 'device', 'country', 'landing_page', 'owner'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

export interface ViewState {
  range: RangeKey;
  /** API range: from inclusive, to exclusive. */
  from: string;
  to: string;
  grain: Grain;
  /** True when the grain came from the URL rather than from the range's length. */
  grainChosen: boolean;
  compare: Comparison | 'none';
  filters: Partial<Record<FilterDimension, string>>;
}

export const DEFAULT_RANGE = 'last_30_days';

export function parseViewState(params: URLSearchParams, today: string): ViewState {
  const rangeParam = params.get('range');
  const start = params.get('start');
  const end = params.get('end');
  let range: RangeKey;
  let dates: DateRange;
  if (rangeParam === 'custom' && isDay(start) && isDay(end) && start <= end) {
    range = 'custom';
    dates = { from: start, to: addDays(end, 1) };
  } else {
    range = isRangePreset(rangeParam) ? rangeParam : DEFAULT_RANGE;
    dates = resolvePreset(range, today);
  }
  const grainParam = params.get('grain');
  const grainChosen = grainParam !== null && (GRAINS as readonly string[]).includes(grainParam);
  const compareParam = params.get('compare');
  const compare = compareParam === 'year' || compareParam === 'none' ? compareParam : 'previous';
  const filters: ViewState['filters'] = {};
  for (const dimension of FILTER_DIMENSIONS) {
    const value = params.get(dimension);
    if (value !== null && value !== '') filters[dimension] = value;
  }
  return {
    range,
    ...dates,
    grain: grainChosen ? (grainParam as Grain) : autoGrain(dates),
    grainChosen,
    compare,
    filters,
  };
}

export interface ViewPatch {
  range?: RangeKey;
  /** For a custom range: the first and the last day shown (inclusive). */
  start?: string;
  end?: string;
  grain?: Grain | null;
  compare?: Comparison | 'none';
  filters?: Partial<Record<FilterDimension, string | null>>;
}

/** Applies a change to the URL query, keeping every parameter it does not touch. */
export function applyViewPatch(params: URLSearchParams, patch: ViewPatch): URLSearchParams {
  const next = new URLSearchParams(params);
  if (patch.range !== undefined) {
    next.set('range', patch.range);
    if (patch.range === 'custom' && patch.start && patch.end) {
      next.set('start', patch.start);
      next.set('end', patch.end);
    } else if (patch.range !== 'custom') {
      next.delete('start');
      next.delete('end');
    }
  }
  if (patch.grain !== undefined) {
    if (patch.grain === null) next.delete('grain');
    else next.set('grain', patch.grain);
  }
  if (patch.compare !== undefined) {
    if (patch.compare === 'previous') next.delete('compare');
    else next.set('compare', patch.compare);
  }
  for (const [dimension, value] of Object.entries(patch.filters ?? {})) {
    if (value === null || value === undefined || value === '') next.delete(dimension);
    else next.set(dimension, value);
  }
  return next;
}

/** The view's filters as API filters, keeping only those the metrics accept. */
export function toQueryFilters(filters: ViewState['filters'], allowed?: ReadonlySet<string>): QueryFilter[] {
  return Object.entries(filters)
    .filter(([dimension, value]) => value !== undefined && (allowed === undefined || allowed.has(dimension)))
    .map(([dimension, value]) => ({ dimension, op: 'equals' as const, value: value as string }));
}
