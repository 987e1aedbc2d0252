/**
 * A fast path for the events kind's row validation on the live path: a well-formed event gives
 * exactly what core's `validateRow('events', …)` gives, without zod's per-column machinery (several
 * times faster, which matters at hundreds of thousands of events a second). Anything unusual — an
 * error, a non-string id, a number in a text column — returns undefined, and the caller runs the
 * full validator, which also words the errors. A property test holds the two to the same answers.
 */
import { isKnownCurrency, KIND_SPECS, type ParsedRow, parseTimestamp } from '@northstar/core';

const COLUMNS = KIND_SPECS.events.columns;
const LIMITS: Record<string, number> = { id: 256, string: 1024, text: 8192 };

/** The last timestamp parsed: the events of one batch often share theirs. */
let lastTimestamp = { text: '', timezone: '', ms: 0 };

function parseTimestampOnce(text: string, timezone: string): number | undefined {
  if (text === lastTimestamp.text && timezone === lastTimestamp.timezone) return lastTimestamp.ms;
  const ms = parseTimestamp(text, timezone);
  if (ms !== undefined) lastTimestamp = { text, timezone, ms };
  return ms;
}

export function fastValidateEvent(record: Record<string, unknown>, timezone: string): ParsedRow | undefined {
  const row: ParsedRow = {};
  for (const column of COLUMNS) {
    const raw = Object.hasOwn(record, column.name) ? record[column.name] : null;
    if (raw === null || raw === undefined) {
      if (column.required) return undefined;
      row[column.name] = column.default ?? null;
      continue;
    }
    switch (column.type) {
      case 'number': {
        if (typeof raw !== 'number' || !Number.isFinite(raw)) return undefined;
        if ((column.min !== undefined && raw < column.min) || (column.max !== undefined && raw > column.max)) return undefined;
        row[column.name] = raw;
        continue;
      }
      default: {
        if (typeof raw !== 'string') return undefined;
        const text = raw.trim();
        if (text === '') return undefined;
        const limit = LIMITS[column.type];
        if (limit !== undefined) {
          if (text.length > limit) return undefined;
          row[column.name] = text;
        } else if (column.type === 'timestamp') {
          const ms = parseTimestampOnce(text, timezone || 'UTC');
          if (ms === undefined) return undefined;
          row[column.name] = ms;
        } else if (column.type === 'enum') {
          const value = text.toLowerCase();
          if (!column.values?.includes(value)) return undefined;
          row[column.name] = value;
        } else if (column.type === 'currency') {
          const value = text.toUpperCase();
          if (!/^[A-Z]{3}$/.test(value) || !isKnownCurrency(value)) return undefined;
          row[column.name] = value;
        } else {
          return undefined;
        }
      }
    }
  }
  // The events kind's cross-column rules (core validate-row.ts).
  if (row.visitor_id === null && row.contact_id === null) return undefined;
  if (row.type === 'pageview' && row.url === null) return undefined;
  if ((row.type === 'goal' || row.type === 'custom') && row.name === null) return undefined;
  return row;
}
