import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  type DuckDBAppender,
  DuckDBDataChunk,
  DuckDBDateValue,
  DuckDBTimestampValue,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  TIMESTAMP,
  VARCHAR,
} from '@duckdb/node-api';
import type { StoredRow, StoredType } from '@northstar/core';

const CHUNK_ROWS = 2048;
const DAY_MS = 86_400_000;

const TYPES: Record<StoredType, DuckDBType> = {
  string: VARCHAR,
  timestamp: TIMESTAMP,
  date: DATE,
  double: DOUBLE,
  integer: INTEGER,
  boolean: BOOLEAN,
};

export type ColumnDef = readonly [name: string, type: StoredType | 'seq'];

function toDuckValue(type: StoredType, value: unknown): DuckDBValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'string':
      return String(value);
    case 'timestamp':
      return new DuckDBTimestampValue(BigInt(Math.round(Number(value))) * 1000n);
    case 'date': {
      const text = String(value);
      return new DuckDBDateValue(
        Math.floor(Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))) / DAY_MS),
      );
    }
    case 'double':
      return Number(value);
    case 'integer':
      return Math.trunc(Number(value));
    case 'boolean':
      return Boolean(value);
  }
}

/**
 * Appends rows column by column through DuckDB data chunks (2048 rows each): one native call per
 * column per chunk instead of one per cell.
 */
export function appendRows(appender: DuckDBAppender, columns: readonly ColumnDef[], rows: readonly StoredRow[], seqStart = 0): void {
  const types = columns.map(([, type]) => (type === 'seq' ? BIGINT : TYPES[type]));
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const end = Math.min(rows.length, start + CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create(types, end - start);
    columns.forEach(([name, type], columnIndex) => {
      const values: DuckDBValue[] = new Array(end - start);
      for (let i = start; i < end; i++) {
        values[i - start] = type === 'seq' ? BigInt(seqStart + i) : toDuckValue(type, (rows[i] as StoredRow)[name]);
      }
      chunk.setColumnValues(columnIndex, values);
    });
    appender.appendDataChunk(chunk);
  }
}
