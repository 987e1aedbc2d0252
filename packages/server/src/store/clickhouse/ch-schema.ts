/**
 * ClickHouse DDL from the engine-neutral STORED_TABLES. Each table T is stored as `T_data`
 * (ReplacingMergeTree on every shard, versioned by `_version` so a re-import or a re-derived row
 * replaces the old one and a retried event is stored once), `T_all` (a Distributed table over the
 * shards, cluster mode only) and `T` (a view with FINAL, so queries never see a row twice before
 * the background merge). Compiled metric SQL reads `T` and needs no engine-specific table names.
 */
import { STORED_TABLES, type StoredTable, type StoredType, type TableName } from '@northstar/core';

const CH_TYPES: Record<StoredType, string> = {
  string: 'Nullable(String)',
  // Second precision: DateTime64 is newer than Debian's 18.16. In UTC whatever the server's own
  // timezone: a DateTime without one parses and prints its text in the server's zone.
  timestamp: "Nullable(DateTime('UTC'))",
  date: 'Nullable(Date)',
  double: 'Nullable(Float64)',
  integer: 'Nullable(Int32)',
  boolean: 'Nullable(UInt8)',
};

const DEFAULTS: Record<StoredType, string> = {
  string: "''",
  timestamp: "toDateTime(0, 'UTC')",
  date: 'toDate(0)',
  double: '0',
  integer: '0',
  boolean: '0',
};

/** Sort (and so dedup) key: the table's key; events lead with (site, time) for the common filters. */
const SORT_KEYS: Partial<Record<TableName, readonly string[]>> = {
  events: ['site', 'timestamp', 'event_id'],
  sessions: ['site', 'session_id'],
};

/** Rows of one visitor land on one shard, so a session's events and its row live together. */
const SHARD_KEYS: Partial<Record<TableName, string>> = { events: 'visitor_id', sessions: 'visitor_id' };

export interface ClusterLayout {
  /** remote_servers cluster name; undefined for a single server. */
  cluster?: string;
  database: string;
}

function typeOf(table: StoredTable, column: string): StoredType {
  const found = table.columns.find(([name]) => name === column);
  if (!found) throw new Error(`${table.name} has no column ${column}`);
  return found[1];
}

/** Nullable columns cannot be sort keys in 18.16: sort by their value with NULL as the type's default. */
function sortKey(name: TableName): string {
  const table: StoredTable = STORED_TABLES[name];
  const columns = SORT_KEYS[name] ?? table.key;
  return columns.map((c) => `ifNull("${c}", ${DEFAULTS[typeOf(table, c)]})`).join(', ');
}

export function columnsDdl(table: StoredTable): string {
  return table.columns.map(([column, type]) => `"${column}" ${CH_TYPES[type]}`).join(', ');
}

export function dataTable(name: TableName): string {
  return `${name}_data`;
}

/** Where inserts go: the Distributed table in cluster mode, else the local one. */
export function writeTable(name: TableName, layout: ClusterLayout): string {
  return layout.cluster ? `${name}_all` : `${name}_data`;
}

/** Statements run on every shard server. */
export function shardDdl(name: TableName): string[] {
  const table: StoredTable = STORED_TABLES[name];
  return [
    `CREATE TABLE IF NOT EXISTS ${dataTable(name)} (${columnsDdl(table)}, _version UInt64)
     ENGINE = ReplacingMergeTree(_version) ORDER BY (${sortKey(name)})`,
  ];
}

/** Statements run on every server that answers queries (every server, in the test cluster). */
export function queryDdl(name: TableName, layout: ClusterLayout): string[] {
  const table: StoredTable = STORED_TABLES[name];
  const columns = table.columns.map(([c]) => `"${c}"`).join(', ');
  const statements: string[] = [];
  if (layout.cluster) {
    const shardBy = SHARD_KEYS[name] ?? table.key[0] ?? 'rand()';
    const shardKey = shardBy === 'rand()' ? shardBy : `cityHash64(ifNull(toString("${shardBy}"), ''))`;
    statements.push(
      `CREATE TABLE IF NOT EXISTS ${name}_all AS ${dataTable(name)}
       ENGINE = Distributed(${layout.cluster}, ${layout.database}, ${dataTable(name)}, ${shardKey})`,
    );
  }
  statements.push(`CREATE VIEW IF NOT EXISTS "${name}" AS SELECT ${columns} FROM ${writeTable(name, layout)} FINAL`);
  return statements;
}

export const TABLE_NAMES = Object.keys(STORED_TABLES) as TableName[];

/** Workspace settings and the live-ingest id log live on the query server only. */
export const LOCAL_DDL = [
  `CREATE TABLE IF NOT EXISTS workspace (name String, timezone String, currency String, attribution_model String, _version UInt64)
   ENGINE = ReplacingMergeTree(_version) ORDER BY tuple()`,
  `CREATE TABLE IF NOT EXISTS ingest_event_ids (event_id String, received_at DateTime('UTC')) ENGINE = MergeTree ORDER BY (received_at, event_id)`,
  `CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, applied_at DateTime('UTC')) ENGINE = MergeTree ORDER BY version`,
];
