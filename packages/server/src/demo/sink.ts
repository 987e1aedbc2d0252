import { AppError, type InputKind, KIND_SPECS, type ParsedRow, type StoredRow, type TableName } from '@northstar/core';
import { type ToStoredOptions, toStoredRow } from '../import/to-stored-row.ts';
import type { Store } from '../store/store.ts';

/**
 * Rows per append: one DuckDB row group. An append of whole row groups is written straight to the
 * database file, while a smaller one goes through the write-ahead log first and is written again
 * at the next checkpoint; aligned appends cut the load's CPU time by about a third (measured at
 * scale 1: 22 s instead of 31 s with 100k-row appends).
 */
const BATCH_ROWS = 122_880;

/** A full input row of `kind`: every column present, absent ones at their default or null. */
export function inputRow(kind: InputKind, values: Readonly<Record<string, string | number | null | undefined>>): ParsedRow {
  const row: ParsedRow = {};
  for (const column of KIND_SPECS[kind].columns) row[column.name] = values[column.name] ?? column.default ?? null;
  return row;
}

/**
 * Where the generators put their rows: each input row goes through the same conversion as an
 * import (enrichment, currency conversion) and is appended to the store in batches.
 */
export class DemoSink {
  private readonly buffers = new Map<InputKind, StoredRow[]>();
  readonly written = new Map<InputKind, number>();
  /** Events the enrichment dropped as bots (the demo sends none on purpose). */
  botsDropped = 0;

  constructor(
    private readonly store: Store,
    private options: ToStoredOptions,
  ) {}

  setOptions(options: ToStoredOptions): void {
    this.options = options;
  }

  add(kind: InputKind, row: ParsedRow): void {
    const result = toStoredRow(kind, row, this.options);
    if ('bot' in result) {
      this.botsDropped++;
      return;
    }
    if ('error' in result) {
      throw new AppError('internal', `demo produced an invalid ${kind} row: ${result.column}: ${result.error}`, { row });
    }
    let buffer = this.buffers.get(kind);
    if (!buffer) {
      buffer = [];
      this.buffers.set(kind, buffer);
    }
    buffer.push(result.row);
  }

  /** Writes whole batches of the tables that have them; with `all`, everything that is buffered. */
  async flush(all = false): Promise<void> {
    for (const [kind, rows] of this.buffers) {
      const count = all ? rows.length : rows.length - (rows.length % BATCH_ROWS);
      if (count === 0) continue;
      await this.store.insertRows(kind as TableName, count === rows.length ? rows : rows.slice(0, count));
      this.written.set(kind, (this.written.get(kind) ?? 0) + count);
      this.buffers.set(kind, rows.slice(count));
    }
  }
}
