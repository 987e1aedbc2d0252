import { AppError } from '@northstar/core';

/** `pdf` is for `northstar report` only. */
export type OutputFormat = 'table' | 'json' | 'csv' | 'pdf';

export function parseFormat(value: string): OutputFormat {
  if (value === 'table' || value === 'json' || value === 'csv' || value === 'pdf') return value;
  throw new Error(`unknown format '${value}': use table, json or csv (or pdf for reports)`);
}

/** Neutralises cells a spreadsheet would run as a formula (= + - @ tab CR). */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n');
}

function tableCell(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function toTable(rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '(no rows)';
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = rows.map((r) => columns.map((c) => tableCell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Prints rows in the chosen format; json prints `payload` whole (it carries more than rows). */
export function printRows(format: OutputFormat, rows: readonly Record<string, unknown>[], payload: unknown = { rows }): void {
  if (format === 'pdf') throw new AppError('badRequest', '--format pdf is only for `northstar report`; use table, json or csv');
  if (format === 'json') process.stdout.write(`${JSON.stringify(payload, null, 2)}\n`);
  else if (format === 'csv') process.stdout.write(`${toCsv(rows)}\n`);
  else process.stdout.write(`${toTable(rows)}\n`);
}
