import { z } from 'zod';
import { type InputKind, KIND_SPECS, type KindSpec } from './kinds.ts';
import { type Cell, parseCell } from './parse-value.ts';

export type ParsedRow = Record<string, Cell>;

export interface RowError {
  /** 1-based data row (the header is not counted). */
  row: number;
  column: string;
  reason: string;
}

export type RowResult = { ok: true; row: ParsedRow } | { ok: false; errors: RowError[] };

type CrossCheck = (row: ParsedRow) => { column: string; reason: string } | undefined;

/** Rules that span several columns of one row. */
const CROSS_CHECKS: Partial<Record<InputKind, CrossCheck[]>> = {
  events: [
    (r) =>
      r.visitor_id === null && r.contact_id === null ? { column: 'visitor_id', reason: 'is required when contact_id is empty' } : undefined,
    (r) => (r.type === 'pageview' && r.url === null ? { column: 'url', reason: 'is required for pageview events' } : undefined),
    (r) =>
      (r.type === 'goal' || r.type === 'custom') && r.name === null
        ? { column: 'name', reason: `is required for ${String(r.type)} events` }
        : undefined,
  ],
  deals: [
    (r) =>
      (r.status === 'won' || r.status === 'lost') && r.closed_at === null
        ? { column: 'closed_at', reason: `is required when status is ${String(r.status)}` }
        : undefined,
    (r) =>
      typeof r.closed_at === 'number' && typeof r.created_at === 'number' && r.closed_at < r.created_at
        ? { column: 'closed_at', reason: 'is before created_at' }
        : undefined,
  ],
  fx_rates: [(r) => (r.rate === 0 ? { column: 'rate', reason: 'must be greater than 0' } : undefined)],
};

const schemaCache = new Map<string, z.ZodType<ParsedRow>>();

/** A zod schema for one kind's rows; each column parses by its type, with messages naming the reason. */
export function rowSchema(spec: KindSpec, timezone: string): z.ZodType<ParsedRow> {
  const cacheKey = `${spec.kind}|${timezone}`;
  const cached = schemaCache.get(cacheKey);
  if (cached) return cached;
  const shape: Record<string, z.ZodType<Cell>> = {};
  for (const column of spec.columns) {
    shape[column.name] = z.unknown().transform((raw, ctx): Cell => {
      const result = parseCell(column, raw, timezone);
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: result.reason });
      return z.NEVER;
    });
  }
  const checks = CROSS_CHECKS[spec.kind] ?? [];
  const schema = z
    .object(shape)
    .strip()
    .superRefine((row, ctx) => {
      for (const check of checks) {
        const problem = check(row as ParsedRow);
        if (problem) ctx.addIssue({ code: 'custom', path: [problem.column], message: problem.reason });
      }
    }) as unknown as z.ZodType<ParsedRow>;
  schemaCache.set(cacheKey, schema);
  return schema;
}

/** Validates one record (header name -> raw value) of `kind`. */
export function validateRow(kind: InputKind, record: Record<string, unknown>, rowNumber: number, timezone: string): RowResult {
  const spec = KIND_SPECS[kind];
  // Only known columns are read; an absent column is an empty cell.
  const cells: Record<string, unknown> = {};
  for (const column of spec.columns) {
    cells[column.name] = Object.hasOwn(record, column.name) ? record[column.name] : null;
  }
  const result = rowSchema(spec, timezone).safeParse(cells);
  if (result.success) return { ok: true, row: result.data };
  const errors = result.error.issues.map((issue) => ({
    row: rowNumber,
    column: String(issue.path[0] ?? ''),
    reason: issue.message,
  }));
  return { ok: false, errors };
}

/** "row 3, column stage: unknown stage …" */
export function formatRowError(error: RowError): string {
  return `row ${error.row}, column ${error.column}: ${error.reason}`;
}

/** Normalises a header cell: BOM, case, spaces, dashes. */
export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Columns of a header that the kind does not know; reported as warnings, ignored on import. */
export function unknownColumns(kind: InputKind, headers: readonly string[]): string[] {
  const known = new Set(KIND_SPECS[kind].columns.map((c) => c.name));
  return headers.filter((h) => !known.has(h));
}
