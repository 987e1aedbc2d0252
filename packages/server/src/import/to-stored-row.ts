import { type InputKind, KIND_SPECS, type ParsedRow, type StoredRow } from '@northstar/core';
import { enrichContactSource, enrichEvent } from '../ingest/enrich-event.ts';
import type { FxTable } from './fx-table.ts';

export type StoredRowResult = { row: StoredRow } | { bot: string } | { error: string; column: string };

export interface ToStoredOptions {
  fx: FxTable | undefined;
  timezone: string;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of an instant in a timezone. */
export function dayInZone(epochMs: number, timezone: string): string {
  let format = dayFormatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timezone, format);
  }
  return format.format(epochMs);
}

/** Turns a validated input row into the stored row: enrichment and currency conversion. */
export function toStoredRow(kind: InputKind, parsed: ParsedRow, options: ToStoredOptions): StoredRowResult {
  let row: StoredRow;
  if (kind === 'events') {
    const enriched = enrichEvent(parsed);
    if ('bot' in enriched) return { bot: enriched.bot };
    row = enriched as unknown as StoredRow;
  } else if (kind === 'contacts') {
    const origin = enrichContactSource(parsed.source as string | null, parsed.medium as string | null, parsed.campaign as string | null);
    row = { ...parsed, ...origin };
  } else {
    row = { ...parsed };
  }
  const money = KIND_SPECS[kind].money;
  if (money && options.fx) {
    const amount = row[money.amount];
    if (typeof amount === 'number') {
      const currency = typeof row[money.currency] === 'string' ? String(row[money.currency]) : undefined;
      const time = parsed[KIND_SPECS[kind].time];
      const day = typeof time === 'number' ? dayInZone(time, options.timezone) : String(time).slice(0, 10);
      const found = currency ? options.fx.rate(currency, day) : { rate: 1 };
      if ('error' in found) return { error: found.error, column: money.currency };
      row[`${money.amount}_original`] = amount;
      row[money.amount] = amount * found.rate;
    }
  }
  return { row };
}
