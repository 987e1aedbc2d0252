import type { StoredRow, TableName } from '@northstar/core';

export interface WorkspaceSettings {
  name: string;
  timezone: string;
  currency: string;
}

export interface MergeResult {
  /** Rows whose key was not stored before. */
  inserted: number;
  /** Rows that replaced a stored row with the same key and different values. */
  updated: number;
  /** Rows identical to the stored row with the same key (a re-import): nothing changed. */
  unchanged: number;
}

/** Rows staged for one import; nothing is visible until commit. */
export interface ImportBatch {
  append(rows: readonly StoredRow[]): Promise<void>;
  commit(): Promise<MergeResult>;
  abort(): Promise<void>;
}

export type SqlParams = readonly unknown[];

/**
 * The analytics store every caller depends on. DuckDB is the embedded default; a ClickHouse
 * implementation plugs in behind the same interface.
 */
export interface Store {
  readonly engine: 'duckdb' | 'clickhouse';
  getSettings(): Promise<WorkspaceSettings>;
  updateSettings(patch: Partial<WorkspaceSettings>): Promise<WorkspaceSettings>;
  /** Appends rows as they are (no key merge); for generators and tests. */
  insertRows(table: TableName, rows: readonly StoredRow[]): Promise<void>;
  /** Stages rows and merges them by key on commit: re-importing the same rows changes nothing. */
  beginImport(table: TableName): Promise<ImportBatch>;
  /** Derives session ids where the sender gave none, then rebuilds the sessions table. */
  refreshSessions(): Promise<void>;
  /** Runs compiled SQL with bound parameters ($1, $2 …); values come back as plain JS. */
  query(sql: string, params?: SqlParams): Promise<Record<string, unknown>[]>;
  count(table: TableName): Promise<number>;
  close(): Promise<void>;
}
