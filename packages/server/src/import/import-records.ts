import {
  AppError,
  type InputKind,
  KIND_SPECS,
  type ParsedRow,
  type RowError,
  type StoredRow,
  type TableName,
  unknownColumns,
  validateRow,
} from '@northstar/core';
import type { MergeResult, Store } from '../store/store.ts';
import { FxTable } from './fx-table.ts';
import type { RecordSource } from './read-records.ts';
import { toStoredRow } from './to-stored-row.ts';

export interface ImportOptions {
  /** Store nothing when any row fails. */
  strict?: boolean;
  /** Called every few thousand rows. */
  onProgress?: (rowsRead: number) => void;
  /** Errors kept in the report; the rest are only counted. */
  maxErrors?: number;
}

export interface ImportReport extends MergeResult {
  kind: InputKind;
  rowsRead: number;
  rowsValid: number;
  rowsRejected: number;
  /** Events dropped as bots, by reason. */
  botsDropped: Record<string, number>;
  errors: RowError[];
  warnings: string[];
  committed: boolean;
}

const BATCH = 5000;

export async function importRecords(
  store: Store,
  kind: InputKind,
  source: RecordSource,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const settings = await store.getSettings();
  const fx = KIND_SPECS[kind].money ? await FxTable.load(store, settings.currency) : undefined;
  const report: ImportReport = {
    kind,
    rowsRead: 0,
    rowsValid: 0,
    rowsRejected: 0,
    botsDropped: {},
    errors: [],
    warnings: [],
    committed: false,
    inserted: 0,
    updated: 0,
    unchanged: 0,
  };
  const maxErrors = options.maxErrors ?? 1000;
  const reject = (errors: RowError[]) => {
    report.rowsRejected++;
    for (const error of errors) if (report.errors.length < maxErrors) report.errors.push(error);
  };

  const batch = await store.beginImport(kind as TableName);
  let pending: StoredRow[] = [];
  try {
    for await (const record of source.records) {
      const row = ++report.rowsRead;
      if (row === 1) {
        const unknown = unknownColumns(kind, source.headers()).filter((h) => h !== '');
        if (unknown.length > 0) report.warnings.push(`unknown columns ignored: ${unknown.join(', ')}`);
      }
      if ('__not_an_object__' in record) {
        reject([{ row, column: '', reason: 'is not an object' }]);
        continue;
      }
      if ('__invalid_json__' in record) {
        reject([{ row, column: '', reason: `is not valid JSON: ${JSON.stringify(record.__invalid_json__)}` }]);
        continue;
      }
      const result = validateRow(kind, record, row, settings.timezone);
      if (!result.ok) {
        reject(result.errors);
        continue;
      }
      const stored = toStoredRow(kind, result.row as ParsedRow, { fx, timezone: settings.timezone });
      if ('error' in stored) {
        reject([{ row, column: stored.column, reason: stored.error }]);
        continue;
      }
      if ('bot' in stored) {
        report.botsDropped[stored.bot] = (report.botsDropped[stored.bot] ?? 0) + 1;
        continue;
      }
      report.rowsValid++;
      pending.push(stored.row);
      if (pending.length >= BATCH) {
        if (!(options.strict && report.rowsRejected > 0)) await batch.append(pending);
        pending = [];
        options.onProgress?.(report.rowsRead);
      }
    }
    if (report.rowsRead === 0) report.warnings.push('the file has a header but no rows');
    if (options.strict && report.rowsRejected > 0) {
      await batch.abort();
      return report;
    }
    await batch.append(pending);
    Object.assign(report, await batch.commit());
    report.committed = true;
  } catch (error) {
    await batch.abort().catch(() => undefined);
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('badRequest', `could not read the file at row ${report.rowsRead + 1}: ${message}`);
  }
  if (kind === 'events' && report.inserted > 0) await store.refreshSessions();
  if (kind === 'contacts' && report.inserted + report.updated > 0) await store.refreshIdentities();
  options.onProgress?.(report.rowsRead);
  return report;
}
