/**
 * Import merge on ClickHouse: the last staged row of a key wins (the first stored one for events,
 * whose retries are the same event). Staged rows are compared with the stored rows of the same
 * keys; only new and changed rows are written, with a higher version so ReplacingMergeTree keeps
 * them. Re-importing the same rows writes nothing.
 */
import { STORED_TABLES, type StoredRow, type StoredTable, type TableName } from '@northstar/core';
import type { MergeResult } from '../store.ts';
import { toChRow } from './ch-values.ts';

const LOOKUP_CHUNK = 5_000;
const SEP = '\u001f';
const NULL_MARK = '\u0000';

type Rows = (sql: string) => Promise<Record<string, unknown>[]>;

function keySql(table: StoredTable): string {
  const parts = table.key.map((k) => `ifNull(toString("${k}"), '\\0')`);
  // 18.16's concat needs two arguments at least: a one-column key is the column itself.
  return parts.length === 1 ? (parts[0] as string) : `concat(${parts.join(`, '\\x1F', `)})`;
}

function keyOf(table: StoredTable, row: Record<string, unknown>): string {
  return table.key.map((k) => (row[k] === null || row[k] === undefined ? NULL_MARK : String(row[k]))).join(SEP);
}

function comparable(table: StoredTable, row: Record<string, unknown>): string {
  return JSON.stringify(table.columns.map(([c]) => row[c] ?? null));
}

function quote(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

export async function mergeImport(
  name: TableName,
  rows: readonly StoredRow[],
  query: Rows,
  write: (rows: StoredRow[]) => Promise<void>,
): Promise<MergeResult> {
  const table: StoredTable = STORED_TABLES[name];
  const latest = new Map<string, { row: StoredRow; ch: Record<string, unknown> }>();
  for (const row of rows) {
    const ch = toChRow(table, row, 0);
    latest.set(keyOf(table, ch), { row, ch });
  }
  const keys = [...latest.keys()];
  const stored = new Map<string, string>();
  const columns = table.columns.map(([c]) => `"${c}"`).join(', ');
  for (let start = 0; start < keys.length; start += LOOKUP_CHUNK) {
    const chunk = keys
      .slice(start, start + LOOKUP_CHUNK)
      .map(quote)
      .join(', ');
    for (const row of await query(`SELECT ${columns} FROM "${name}" WHERE ${keySql(table)} IN (${chunk})`)) {
      stored.set(keyOf(table, row), comparable(table, row));
    }
  }
  const changed: StoredRow[] = [];
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  for (const [key, { row, ch }] of latest) {
    const before = stored.get(key);
    if (before === undefined) {
      inserted++;
      changed.push(row);
    } else if (name === 'events' || before === comparable(table, ch)) {
      unchanged++;
    } else {
      updated++;
      changed.push(row);
    }
  }
  await write(changed);
  return { inserted, updated, unchanged };
}
