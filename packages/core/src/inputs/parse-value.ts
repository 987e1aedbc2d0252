import type { ColumnSpec } from './kinds.ts';
import { utcMs, zonedToUtcMs } from './zoned-time.ts';

/** A parsed cell: string, number, epoch milliseconds (timestamps) or null when empty. */
export type Cell = string | number | null;
export type ParseResult = { ok: true; value: Cell } | { ok: false; reason: string };

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})(?:-01)?$/;
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const LIMITS = { id: 256, string: 1024, text: 8192 } as const;

let currencies: Set<string> | undefined;
export function isKnownCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

/** Zones found valid: building a DateTimeFormat to check one costs ~0.3 ms, on every query. */
const validZones = new Set<string>();

export function isValidTimezone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  validZones.add(zone); // IANA names: a bounded set
  return true;
}

function validCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** ISO 8601 to epoch ms; a time without offset is read in the workspace timezone. */
export function parseTimestamp(text: string, timezone: string): number | undefined {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) return undefined;
  const [, ys, mos, ds, hs = '0', mis = '0', ss = '0', frac = '', offset] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  const h = Number(hs);
  const mi = Number(mis);
  const s = Number(ss);
  if (!validCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  if (offset === undefined) {
    return zonedToUtcMs(utcMs(y, mo, d, h, mi, s, ms), timezone);
  }
  let offsetMinutes = 0;
  if (offset.toUpperCase() !== 'Z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || '0');
    if (oh > 14 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000;
}

/** Accepts decimal comma (European files) and spaces as thousands separators. */
export function parseNumber(raw: string): number | undefined {
  let text = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (text.includes(',') && !text.includes('.')) text = text.replace(',', '.');
  if (!NUMBER_RE.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** Parses one cell by its column's type. `raw` is what CSV or JSON gave. */
export function parseCell(spec: ColumnSpec, raw: unknown, timezone: string): ParseResult {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    if (spec.required) return { ok: false, reason: 'is required' };
    return { ok: true, value: spec.default ?? null };
  }
  if (typeof raw === 'object' || typeof raw === 'function') {
    return {
      ok: false,
      reason: `must be a ${spec.type === 'number' || spec.type === 'integer' ? 'number' : 'string'}, got ${Array.isArray(raw) ? 'an array' : 'an object'}`,
    };
  }
  if (typeof raw === 'boolean') return { ok: false, reason: `must not be a boolean (got ${raw})` };
  const text = typeof raw === 'number' ? String(raw) : String(raw).trim();
  switch (spec.type) {
    case 'id':
    case 'string':
    case 'text': {
      const limit = LIMITS[spec.type];
      if (text.length > limit) return { ok: false, reason: `is longer than ${limit} characters` };
      return { ok: true, value: text };
    }
    case 'timestamp': {
      if (typeof raw === 'number') return { ok: false, reason: `must be an ISO 8601 timestamp, got ${raw}` };
      const ms = parseTimestamp(text, timezoneOr(timezone));
      if (ms === undefined) return { ok: false, reason: `is not an ISO 8601 timestamp: ${describe(text)}` };
      return { ok: true, value: ms };
    }
    case 'date': {
      const m = DATE_RE.exec(text);
      if (!m || !validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
        return { ok: false, reason: `is not a date (YYYY-MM-DD): ${describe(text)}` };
      }
      return { ok: true, value: text };
    }
    case 'month': {
      const m = MONTH_RE.exec(text);
      if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
        return { ok: false, reason: `is not a month (YYYY-MM): ${describe(text)}` };
      }
      return { ok: true, value: `${m[1]}-${m[2]}-01` };
    }
    case 'number':
    case 'integer': {
      const value = typeof raw === 'number' ? raw : parseNumber(text);
      if (value === undefined || !Number.isFinite(value)) return { ok: false, reason: `is not a number: ${describe(text)}` };
      if (spec.type === 'integer' && !Number.isInteger(value)) {
        return { ok: false, reason: `must be a whole number: ${describe(text)}` };
      }
      if (spec.min !== undefined && value < spec.min) return { ok: false, reason: `must be at least ${spec.min}, got ${value}` };
      if (spec.max !== undefined && value > spec.max) return { ok: false, reason: `must be at most ${spec.max}, got ${value}` };
      return { ok: true, value };
    }
    case 'enum': {
      const value = text.toLowerCase();
      const values = spec.values ?? [];
      if (!values.includes(value)) {
        return { ok: false, reason: `unknown ${spec.name} ${describe(text)}; expected one of ${values.join(', ')}` };
      }
      return { ok: true, value };
    }
    case 'currency': {
      const value = text.toUpperCase();
      if (!/^[A-Z]{3}$/.test(value) || !isKnownCurrency(value)) {
        return { ok: false, reason: `unknown currency ${describe(text)}; expected an ISO 4217 code such as USD` };
      }
      return { ok: true, value };
    }
  }
}

function timezoneOr(zone: string): string {
  return zone || 'UTC';
}
