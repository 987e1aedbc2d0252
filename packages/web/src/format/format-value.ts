/** Values formatted by unit and locale (Intl): rates as %, ratios as "N:1", money in the workspace currency. */
import type { Cell, Direction, Unit } from '../api/types.ts';

export interface FormatContext {
  locale: string;
  currency: string;
}

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, options);
    } catch {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    }
    cache.set(key, format);
  }
  return format;
}

/** Metrics of unit ratio that read as a plain number rather than "N:1". */
const PLAIN_RATIOS = new Set(['pages_per_session']);

export function formatValue(value: Cell | undefined, unit: Unit, context: FormatContext, metric = ''): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return '—';
  const { locale, currency } = context;
  switch (unit) {
    case 'count':
      return numberFormat(locale, { maximumFractionDigits: Number.isInteger(value) ? 0 : 1 }).format(value);
    case 'money':
      return numberFormat(locale, { style: 'currency', currency, maximumFractionDigits: Math.abs(value) >= 1000 ? 0 : 2 }).format(value);
    case 'rate':
      return numberFormat(locale, {
        style: 'percent',
        maximumFractionDigits: 1,
        minimumFractionDigits: Math.abs(value) < 0.1 ? 1 : 0,
      }).format(value);
    case 'ratio':
      if (PLAIN_RATIOS.has(metric)) return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
      return `${numberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(value)}:1`;
    case 'score':
      return numberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value);
    case 'days':
      return numberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 1 }).format(value);
    case 'seconds':
      return formatDuration(value, locale);
    case 'number':
    case 'table':
      if (metric === 'p_value')
        return value < 0.001
          ? `< ${numberFormat(locale, {}).format(0.001)}`
          : numberFormat(locale, { maximumFractionDigits: 3 }).format(value);
      return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  }
}

/** A compact form for axes and tight spaces. */
export function formatCompact(value: number, unit: Unit, context: FormatContext): string {
  const { locale, currency } = context;
  if (unit === 'rate') {
    // Small rates keep the decimals their axis steps need: ticks 0.25 % apart must not all read "1%".
    const digits = Math.abs(value) < 0.01 ? 2 : Math.abs(value) < 0.1 ? 1 : 0;
    return numberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(value);
  }
  if (unit === 'money')
    return numberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(value);
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

function formatDuration(seconds: number, locale: string): string {
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  const sec = numberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'narrow' }).format(rest);
  if (minutes === 0) return sec;
  return `${numberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'narrow' }).format(minutes)} ${sec}`;
}

export type Tone = 'good' | 'bad' | 'neutral';

export interface Change {
  /** Relative change (0.1 = +10 %), or null when the previous value is missing or zero. */
  relative: number | null;
  tone: Tone;
}

/** The change against the comparison period, toned by the direction that is good for the KPI. */
export function computeChange(current: Cell | undefined, previous: Cell | undefined, direction: Direction): Change {
  if (typeof current !== 'number' || typeof previous !== 'number' || previous === 0) return { relative: null, tone: 'neutral' };
  const relative = (current - previous) / Math.abs(previous);
  if (direction === 'none' || Math.abs(relative) < 0.0005) return { relative, tone: 'neutral' };
  const better = direction === 'up' ? relative > 0 : relative < 0;
  return { relative, tone: better ? 'good' : 'bad' };
}

export function formatChange(relative: number, locale: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(relative);
}

/** A signed difference in points (a score's change), at most one decimal. */
export function formatPoints(points: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(points);
}

const dateCache = new Map<string, Intl.DateTimeFormat>();

/** A period start (YYYY-MM-DD) labelled for its grain in the locale. */
export function formatPeriod(period: string, grain: string, locale: string): string {
  const date = new Date(`${period.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return period;
  const options: Intl.DateTimeFormatOptions =
    grain === 'month'
      ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
      : grain === 'year'
        ? { year: 'numeric', timeZone: 'UTC' }
        : grain === 'quarter'
          ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
          : { day: 'numeric', month: 'short', timeZone: 'UTC' };
  const key = `${locale}|${grain}`;
  let format = dateCache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateCache.set(key, format);
  }
  if (grain === 'quarter') return `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${date.getUTCFullYear()}`;
  return format.format(date);
}

export function formatDate(day: string, locale: string): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}
