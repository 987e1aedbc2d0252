/** CSV export. Cells a spreadsheet would run as a formula (= + - @, tab, CR first) get a leading quote. */
import type { Cell } from '../api/types.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, Cell | undefined>>): string {
  const lines = [columns.map((c) => quote(neutraliseCell(c))).join(',')];
  for (const row of rows) lines.push(columns.map((c) => quote(neutraliseCell(row[c]))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
