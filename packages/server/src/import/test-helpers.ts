import { Readable } from 'node:stream';
import type { InputKind } from '@northstar/core';
import type { Store } from '../store/store.ts';
import { type ImportOptions, type ImportReport, importRecords } from './import-records.ts';
import { type FileFormat, readRecords } from './read-records.ts';

/** Imports text as if it were a file of `format` (tests and examples). */
export async function importText(
  store: Store,
  kind: InputKind,
  text: string,
  format: FileFormat = 'csv',
  options: ImportOptions = {},
): Promise<ImportReport> {
  const source = await readRecords(Readable.from([Buffer.from(text, 'utf8')]), format);
  return importRecords(store, kind, source, options);
}
