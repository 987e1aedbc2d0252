import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useHealth } from '../api/hooks.ts';
import { todayIn } from './dates.ts';
import { applyViewPatch, parseViewState, type ViewPatch, type ViewState } from './view-state.ts';

/** The global view from the URL, and a setter that writes changes back to it. */
export function useViewState(): [ViewState, (patch: ViewPatch) => void] {
  const [params, setParams] = useSearchParams();
  const timezone = useHealth().data?.workspace?.timezone ?? 'UTC';
  const today = todayIn(timezone);
  const key = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query string is the identity of the params
  const state = useMemo(() => parseViewState(params, today), [key, today]);
  const update = useCallback((patch: ViewPatch) => setParams((current) => applyViewPatch(current, patch)), [setParams]);
  return [state, update];
}
