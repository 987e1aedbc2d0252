import { STORED_TABLES, type StoredTable, type StoredType } from '@northstar/core';

const DUCKDB_TYPES: Record<StoredType, string> = {
  string: 'VARCHAR',
  timestamp: 'TIMESTAMP',
  date: 'DATE',
  double: 'DOUBLE',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
};

export function duckdbType(type: StoredType): string {
  return DUCKDB_TYPES[type];
}

/** CREATE TABLE for one stored table. Timestamps are UTC instants; no index: keys are kept by merge. */
export function createTableSql(table: StoredTable, name = table.name, temporary = false): string {
  const columns = table.columns.map(([column, type]) => `"${column}" ${DUCKDB_TYPES[type]}`).join(', ');
  return `CREATE ${temporary ? 'TEMP ' : ''}TABLE IF NOT EXISTS "${name}" (${columns})`;
}

export function createAllTablesSql(): string[] {
  return Object.values(STORED_TABLES).map((table) => createTableSql(table));
}
