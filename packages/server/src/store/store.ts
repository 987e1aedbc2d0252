import type { AttributionModel, StoredRow, TableName } from '@northstar/core';
import type { MetadataStore } from '../meta/metadata-store.ts';

export interface WorkspaceSettings {
  name: string;
  timezone: string;
  currency: string;
  /** Model of attributed_revenue, roi, romi and roas when a query names none. */
  attributionModel: AttributionModel;
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

/** A visitor's latest derived session, so live sessionization carries across a restart. */
export interface LiveSessionState {
  site: string;
  visitorId: string;
  sessionId: string;
  lastSeenMs: number;
  /** Source, medium and campaign of the session's first event. */
  source: string | null;
  medium: string | null;
  campaign: string | null;
}

/**
 * The analytics store every caller depends on. DuckDB is the embedded default; a ClickHouse
 * implementation plugs in behind the same interface.
 */
/** How a live append may share the event loop. */
export interface LiveAppendOptions {
  /**
   * An engine that builds the append on the event loop gives it back after this many rows, so
   * requests arriving meanwhile are not held for the whole load (unset: one uninterrupted append).
   */
  yieldEveryRows?: number;
}

export interface Store {
  readonly engine: 'duckdb' | 'clickhouse';
  /** Derived tables the store keeps up to date on load (core's CONTACT_REACH_TABLE …), which metric SQL may read. */
  readonly derivedTables?: readonly string[];
  /** Dashboards, goals, keys, users …: the same DuckDB file embedded, PostgreSQL at scale. */
  readonly metadata: MetadataStore;
  /**
   * Counts the writes this store has made to analytics data (not metadata documents). While it is
   * unchanged, a read gives the same rows, so results may be cached; absent where another process
   * may write (ClickHouse), which disables caching.
   */
  dataVersion?(): number;
  getSettings(): Promise<WorkspaceSettings>;
  updateSettings(patch: Partial<WorkspaceSettings>): Promise<WorkspaceSettings>;
  /** Appends rows as they are (no key merge); for generators and tests. */
  insertRows(table: TableName, rows: readonly StoredRow[]): Promise<void>;
  /** Stages rows and merges them by key on commit: re-importing the same rows changes nothing. */
  beginImport(table: TableName): Promise<ImportBatch>;
  /** Derives session ids where the sender gave none, then rebuilds the sessions table. */
  refreshSessions(): Promise<void>;
  /** Rebuilds which visitor is which contact (after contacts change; refreshSessions does it too). */
  refreshIdentities(): Promise<void>;
  /** Live ingestion: appends enriched events and logs their ids with the arrival time, in one transaction. */
  appendLiveEvents(rows: readonly StoredRow[], receivedAtMs: number, options?: LiveAppendOptions): Promise<void>;
  /** Ids logged by appendLiveEvents since `sinceMs`; with `ids`, only those of them that are logged. */
  liveEventIds(sinceMs: number, ids?: readonly string[]): Promise<string[]>;
  /** Forgets logged ids that arrived before `beforeMs` (the events stay). */
  pruneLiveEventIds(beforeMs: number): Promise<void>;
  /** Rebuilds the rows of these sessions from their events; none of them started before `sinceMs`. */
  refreshSessionsFor(sessionIds: readonly string[], sinceMs: number): Promise<void>;
  /** Replaces the rows of these sessions (by session_id); none of the stored ones started before `sinceMs`. */
  upsertSessions(rows: readonly StoredRow[], sinceMs: number): Promise<void>;
  /** Each visitor's latest derived session that has an event since `sinceMs`. */
  liveSessionStates(sinceMs: number): Promise<LiveSessionState[]>;
  /**
   * Deletes the rows of a stored table (or the live-ingest id log) matching `where`, with bound
   * parameters; the rows are gone for every query when it returns (erasure, retention).
   */
  deleteWhere(table: string, where: string, params?: SqlParams): Promise<void>;
  /** Runs compiled SQL with bound parameters ($1, $2 …); values come back as plain JS. */
  query(sql: string, params?: SqlParams): Promise<Record<string, unknown>[]>;
  /**
   * A read-only query, which may run beside other reads and does not wait for queued writes;
   * it sees what was committed when it starts.
   */
  read(sql: string, params?: SqlParams): Promise<Record<string, unknown>[]>;
  count(table: TableName): Promise<number>;
  close(): Promise<void>;
}
