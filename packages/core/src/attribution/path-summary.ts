import type { RowError } from '../inputs/validate-row.ts';
import type { PathSummaryRow } from './types.ts';

export interface PathSummaryParse {
  /** Present only when there are no errors. */
  value?: PathSummaryRow[];
  /** `row` is the 1-based data row (header and blank lines not counted); 0 is the header. */
  errors: RowError[];
}

const COLUMNS = ['path', 'conversions', 'nulls', 'value'] as const;
type Column = (typeof COLUMNS)[number];

/** RFC 4180 records: comma-separated, "quoted" fields with "" escapes, LF or CRLF line ends. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => r.length > 1 || (r[0] ?? '').trim() !== '');
}

function readCount(cell: string | undefined, column: Column, fallback: number | undefined): number | string {
  const raw = (cell ?? '').trim();
  if (raw === '') return fallback ?? `${column} is required`;
  const n = Number(raw);
  if (!Number.isFinite(n)) return `${column} is not a number: "${raw}"`;
  if (n < 0) return `${column} must not be negative`;
  return n;
}

/**
 * Parses a path summary `path,conversions,nulls,value` with paths like `A > B > C`, as the
 * ChannelAttribution package takes them. A header row (one with a `path` cell) naming the columns
 * in any order is optional;
 * without one the columns are positional. nulls defaults to 0, value to conversions (each
 * conversion worth 1), and an empty path stands for journeys without touches.
 */
export function parsePathSummary(text: string, options: { separator?: string } = {}): PathSummaryParse {
  const separator = options.separator ?? '>';
  const records = readCsv(text.replace(/^\uFEFF/, ''));
  const errors: RowError[] = [];
  const header = records[0]?.some((cell) => cell.trim().toLowerCase() === 'path') ? records[0] : undefined;
  const hasHeader = header !== undefined;
  const position = new Map<Column, number>();
  if (header) {
    for (const [i, name] of header.entries()) {
      const column = name.trim().toLowerCase();
      if ((COLUMNS as readonly string[]).includes(column)) position.set(column as Column, i);
    }
    if (!position.has('conversions')) errors.push({ row: 0, column: 'conversions', reason: 'the header has no conversions column' });
  } else {
    for (const [i, column] of COLUMNS.entries()) position.set(column, i);
  }
  const rows: PathSummaryRow[] = [];
  const data = hasHeader ? records.slice(1) : records;
  data.forEach((record, index) => {
    const row = index + 1;
    const cell = (column: Column): string | undefined => {
      const i = position.get(column);
      return i === undefined ? undefined : record[i];
    };
    const problems: RowError[] = [];
    if (!hasHeader && record.length > COLUMNS.length) {
      problems.push({ row, column: 'value', reason: `expected at most ${COLUMNS.length} columns, found ${record.length}` });
    }
    const rawPath = (cell('path') ?? '').trim();
    const path = rawPath === '' ? [] : rawPath.split(separator).map((step) => step.trim());
    if (path.includes('')) problems.push({ row, column: 'path', reason: `has an empty step: "${rawPath}"` });
    const conversions = readCount(cell('conversions'), 'conversions', undefined);
    const nulls = readCount(cell('nulls'), 'nulls', 0);
    const value = readCount(cell('value'), 'value', typeof conversions === 'number' ? conversions : 0);
    for (const [column, parsed] of [
      ['conversions', conversions],
      ['nulls', nulls],
      ['value', value],
    ] as const) {
      if (typeof parsed === 'string') problems.push({ row, column, reason: parsed });
    }
    if (conversions === 0 && typeof value === 'number' && value > 0) {
      problems.push({ row, column: 'value', reason: 'is positive but conversions is 0' });
    }
    if (problems.length > 0 || typeof conversions === 'string' || typeof nulls === 'string' || typeof value === 'string') {
      errors.push(...problems);
      return;
    }
    rows.push({ path, conversions, nulls, value });
  });
  return errors.length > 0 ? { errors } : { value: rows, errors };
}
