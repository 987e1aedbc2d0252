/**
 * `northstar migrate --to clickhouse`: copies an embedded install's analytics rows, in pages, to
 * another store (ClickHouse), then derives sessions and identities there; metadata documents are
 * copied when the target keeps its own (PostgreSQL). The target must hold no analytics rows yet,
 * so a migration is never merged into other data.
 */
import { AppError, STORED_TABLES, type StoredRow, type TableName } from '@northstar/core';
import { COLLECTIONS } from '../meta/metadata-store.ts';
import type { Store } from '../store/store.ts';

/** Derived on the target from the copied events and contacts. */
const DERIVED: ReadonlySet<TableName> = new Set(['sessions', 'identities']);
const COPIED = (Object.keys(STORED_TABLES) as TableName[]).filter((t) => !DERIVED.has(t));
const PAGE = 50_000;

export interface MigrateReport {
  rows: Partial<Record<TableName, number>>;
  documents: Record<string, number>;
}

export async function migrateStore(
  source: Store,
  target: Store,
  onProgress: (message: string) => void = () => undefined,
): Promise<MigrateReport> {
  for (const table of COPIED) {
    if ((await target.count(table)) > 0) {
      throw new AppError('validation', `the target already holds ${table}: migrate into an empty database`);
    }
  }
  await target.updateSettings(await source.getSettings());
  const rows: Partial<Record<TableName, number>> = {};
  for (const table of COPIED) {
    const spec = STORED_TABLES[table];
    const order = spec.key.map((k) => `"${k}"`).join(', ');
    let copied = 0;
    for (;;) {
      const page = await source.read(`SELECT * FROM "${spec.name}" ORDER BY ${order} LIMIT ${PAGE} OFFSET ${copied}`);
      if (page.length === 0) break;
      // Plain values (ISO timestamps, numbers, strings) as the source's read gives them.
      await target.insertRows(table, page as StoredRow[]);
      copied += page.length;
      if (page.length < PAGE) break;
    }
    rows[table] = copied;
    onProgress(`${table}: ${copied} rows`);
  }
  onProgress('deriving sessions and identities');
  await target.refreshSessions();
  const documents: Record<string, number> = {};
  if (target.metadata !== source.metadata) {
    for (const collection of COLLECTIONS) {
      const docs = await source.metadata.list(collection);
      for (const doc of docs) await target.metadata.put(collection, doc.id, doc.body);
      documents[collection] = docs.length;
    }
  }
  return { rows, documents };
}
