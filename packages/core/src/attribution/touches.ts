import { type AttributionDimension, NOT_SET_KEY, type Touchpoint } from './types.ts';

/** The key a touch is credited to under `dimension`; empty values become `(not set)`. */
export function touchKey(touch: Touchpoint, dimension: AttributionDimension): string {
  const raw = touch[dimension];
  return raw === undefined || raw === '' ? NOT_SET_KEY : raw;
}

/** A channel named Direct (any case, with or without parentheses). */
export function isDirectChannel(channel: string): boolean {
  const name = channel.trim().toLowerCase();
  return name === 'direct' || name === '(direct)';
}

export function isDirectTouch(touch: Touchpoint): boolean {
  return touch.isDirect ?? isDirectChannel(touch.channel);
}

/**
 * Touches in time order. Ties keep their input order (the sort is stable), and an
 * already ordered array — the usual case, since the engine sorts — is returned as is.
 */
export function orderTouches(touches: readonly Touchpoint[]): readonly Touchpoint[] {
  for (let i = 1; i < touches.length; i++) {
    if ((touches[i] as Touchpoint).timeMs < (touches[i - 1] as Touchpoint).timeMs) {
      return [...touches].sort((a, b) => a.timeMs - b.timeMs);
    }
  }
  return touches;
}
