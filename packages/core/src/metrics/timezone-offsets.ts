/**
 * UTC offsets of a timezone over a window, as steps between transitions (DST changes). The metric
 * compiler turns a schedule into `ts + offset` arithmetic, which engines evaluate far faster than a
 * per-row timezone conversion; rows outside the window still take the exact conversion.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Seconds to add to a UTC instant to get the wall-clock time in `zone`. */
export function utcOffsetSeconds(ms: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 1000);
}

export interface OffsetStep {
  /** The step ends just before this instant (epoch ms); null for the last step. */
  untilMs: number | null;
  offsetSeconds: number;
}

export interface OffsetSchedule {
  fromMs: number;
  toMs: number;
  steps: OffsetStep[];
}

const DAY_MS = 86_400_000;

/** First instant in (lo, hi] whose offset differs from lo's, to the millisecond. */
function transition(lo: number, hi: number, zone: string): number {
  const before = utcOffsetSeconds(lo, zone);
  let a = lo;
  let b = hi;
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (utcOffsetSeconds(mid, zone) === before) a = mid;
    else b = mid;
  }
  return b;
}

/** Offsets over [fromMs, toMs); transitions are found daily (zones change at most once a day), then to the millisecond. */
export function offsetSchedule(fromMs: number, toMs: number, zone: string): OffsetSchedule {
  const steps: OffsetStep[] = [];
  let current = utcOffsetSeconds(fromMs, zone);
  for (let t = fromMs; t < toMs; t += DAY_MS) {
    const next = Math.min(t + DAY_MS, toMs);
    if (utcOffsetSeconds(next, zone) === current) continue;
    const at = transition(t, next, zone);
    steps.push({ untilMs: at, offsetSeconds: current });
    current = utcOffsetSeconds(at, zone);
  }
  steps.push({ untilMs: null, offsetSeconds: current });
  return { fromMs, toMs, steps };
}
