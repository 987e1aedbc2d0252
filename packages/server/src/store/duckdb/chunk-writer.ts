/**
 * Appends rows to DuckDB column by column through data chunks of 2048 rows. Fixed-width columns
 * are filled in reused typed arrays and copied into the chunk's vector with one native call; a
 * string costs one native call, a null none. No DuckDBValue object (nor a BigInt per timestamp) is
 * made per cell: on the live ingest path this writer is a good part of the per-event cost.
 */
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  type DuckDBAppender,
  DuckDBDataChunk,
  type DuckDBType,
  INTEGER,
  TIMESTAMP,
  VARCHAR,
} from '@duckdb/node-api';
import duckdb, { type Vector } from '@duckdb/node-bindings';
import type { StoredRow, StoredType } from '@northstar/core';

const CHUNK_ROWS = 2048;
const DAY_MS = 86_400_000;
const TWO_32 = 4_294_967_296;

const TYPES: Record<StoredType | 'seq', DuckDBType> = {
  string: VARCHAR,
  timestamp: TIMESTAMP,
  date: DATE,
  double: DOUBLE,
  integer: INTEGER,
  boolean: BOOLEAN,
  seq: BIGINT,
};

/** A column and its stored type; `seq` is a BIGINT row number (import staging). */
export type ColumnDef = readonly [name: string, type: StoredType | 'seq'];

// Scratch buffers, reused: a chunk is written and handed to DuckDB before the next one starts.
const validity = new Uint8Array(CHUNK_ROWS / 8);
const words = new Int32Array(CHUNK_ROWS * 2);
const doubles = new Float64Array(words.buffer);
const bytes = new Uint8Array(words.buffer);

function daysOf(value: unknown): number {
  const text = String(value);
  return Math.floor(Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))) / DAY_MS);
}

/** Writes a 64-bit integer below 2^53 in magnitude as two 32-bit words, little-endian, with no BigInt. */
function setInt64(index: number, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`cannot store ${value} as a 64-bit integer`);
  const high = Math.floor(value / TWO_32);
  words[2 * index] = value - high * TWO_32;
  words[2 * index + 1] = high;
}

/** Fills one column of one chunk. */
function fillColumn(
  vector: Vector,
  type: ColumnDef[1],
  name: string,
  rows: readonly StoredRow[],
  start: number,
  count: number,
  seqStart: number,
): void {
  let nulls = false;
  validity.fill(255);
  for (let i = 0; i < count; i++) {
    if (type === 'seq') {
      setInt64(i, seqStart + start + i);
      continue;
    }
    const value = (rows[start + i] as StoredRow)[name];
    if (value === null || value === undefined) {
      validity[i >> 3] = (validity[i >> 3] as number) & ~(1 << (i & 7));
      nulls = true;
      continue;
    }
    switch (type) {
      case 'string':
        duckdb.vector_assign_string_element(vector, i, typeof value === 'string' ? value : String(value));
        break;
      case 'timestamp':
        setInt64(i, Math.round(Number(value)) * 1000);
        break;
      case 'date':
        words[i] = daysOf(value);
        break;
      case 'double':
        doubles[i] = Number(value);
        break;
      case 'integer':
        words[i] = Math.trunc(Number(value));
        break;
      case 'boolean':
        bytes[i] = value ? 1 : 0;
        break;
    }
  }
  const width = type === 'string' ? 0 : type === 'boolean' ? 1 : type === 'date' || type === 'integer' ? 4 : 8;
  if (width > 0) duckdb.copy_data_to_vector(vector, 0, words.buffer, 0, count * width);
  if (nulls) {
    duckdb.vector_ensure_validity_writable(vector);
    duckdb.copy_data_to_vector_validity(vector, 0, validity.buffer, 0, Math.ceil(count / 64) * 8);
  }
}

/** Appends rows (values by column name) to the appender's table; `seq` columns count from seqStart. */
export function appendRows(appender: DuckDBAppender, columns: readonly ColumnDef[], rows: readonly StoredRow[], seqStart = 0): void {
  const types = columns.map(([, type]) => TYPES[type]);
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const count = Math.min(CHUNK_ROWS, rows.length - start);
    const chunk = DuckDBDataChunk.create(types, count);
    columns.forEach(([name, type], column) => {
      fillColumn(duckdb.data_chunk_get_vector(chunk.chunk, column), type, name, rows, start, count, seqStart);
    });
    appender.appendDataChunk(chunk);
  }
}
