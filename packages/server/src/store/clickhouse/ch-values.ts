/** Values between Northstar and ClickHouse: bound parameters as literals, rows in and out. */
import type { StoredRow, StoredTable } from '@northstar/core';

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot bind ${value}`);
    return Number.isInteger(value) ? String(value) : `toFloat64(${value})`;
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'bigint') return value.toString();
  return `'${String(value).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/**
 * Replaces $1, $2 … with escaped literals (18.16 has no server-side parameters). Placeholders
 * are only ever produced by Northstar's compilers, outside string literals.
 */
export function inlineParams(sql: string, params: readonly unknown[] = []): string {
  if (params.length === 0) return sql;
  return sql.replace(/\$(\d+)/g, (match, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= params.length) throw new Error(`no value bound for ${match}`);
    return literal(params[index]);
  });
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Epoch ms → 'YYYY-MM-DD HH:MM:SS' (UTC, whole seconds). */
export function formatDateTime(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A stored row as a JSONEachRow object of the table's columns. */
export function toChRow(table: StoredTable, row: StoredRow, version: number): Record<string, unknown> {
  const out: Record<string, unknown> = { _version: version };
  for (const [name, type] of table.columns) {
    const value = row[name];
    if (value === null || value === undefined) {
      out[name] = null;
      continue;
    }
    switch (type) {
      case 'timestamp':
        out[name] = formatDateTime(typeof value === 'number' ? value : Date.parse(String(value)));
        break;
      case 'date':
        out[name] = String(value).slice(0, 10);
        break;
      case 'boolean':
        out[name] = value ? 1 : 0;
        break;
      case 'double':
      case 'integer':
        out[name] = Number(value);
        break;
      default:
        out[name] = String(value);
    }
  }
  return out;
}

const INTEGER_TYPE = /^(Nullable\()?U?Int(8|16|32|64)\)?$/;
const DATETIME_TYPE = /^(Nullable\()?DateTime(\(.*\))?\)?$/;

/** Result values as DuckDB's store returns them: numbers, ISO timestamps, plain strings. */
export function toPlainRows(
  meta: ReadonlyArray<{ name: string; type: string }>,
  rows: Record<string, unknown>[],
): Record<string, unknown>[] {
  const integers = meta.filter((m) => INTEGER_TYPE.test(m.type)).map((m) => m.name);
  const times = meta.filter((m) => DATETIME_TYPE.test(m.type)).map((m) => m.name);
  for (const row of rows) {
    for (const name of integers) if (row[name] !== null && row[name] !== undefined) row[name] = Number(row[name]);
    for (const name of times) {
      const value = row[name];
      if (typeof value === 'string') row[name] = `${value.replace(' ', 'T')}.000Z`;
    }
  }
  return rows;
}
