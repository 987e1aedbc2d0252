import { DuckDBInstance } from '@duckdb/node-api';
import type { StoredRow } from '@northstar/core';
import { describe, expect, it } from 'vitest';
import { appendRows, type ColumnDef } from './chunk-writer.ts';

const COLUMNS: readonly ColumnDef[] = [
  ['s', 'string'],
  ['ts', 'timestamp'],
  ['d', 'date'],
  ['f', 'double'],
  ['i', 'integer'],
  ['b', 'boolean'],
  ['n', 'seq'],
];

async function roundTrip(rows: StoredRow[], seqStart = 0): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run('CREATE TABLE t (s VARCHAR, ts TIMESTAMP, d DATE, f DOUBLE, i INTEGER, b BOOLEAN, n BIGINT)');
  const appender = await connection.createAppender('t');
  appendRows(appender, COLUMNS, rows, seqStart);
  appender.closeSync();
  const reader = await connection.runAndReadAll('SELECT s, epoch_ms(ts) AS ts, CAST(d AS VARCHAR) AS d, f, i, b, n FROM t ORDER BY n');
  const result = reader.getRowObjectsJS().map((row) => ({ ...row, ts: row.ts === null ? null : Number(row.ts), n: Number(row.n) }));
  connection.closeSync();
  instance.closeSync();
  return result;
}

describe('appendRows', () => {
  it('stores every type, nulls and negative instants as they were given', async () => {
    const rows = [
      { s: 'héllo ✓', ts: 1_780_000_000_123, d: '2026-05-01', f: 1.5, i: 42, b: true },
      { s: null, ts: null, d: null, f: null, i: null, b: null },
      { s: 7, ts: -86_400_001, d: '1969-12-31', f: -0.25, i: -3.9, b: false },
    ];
    expect(await roundTrip(rows, 10)).toEqual([
      { s: 'héllo ✓', ts: 1_780_000_000_123, d: '2026-05-01', f: 1.5, i: 42, b: true, n: 10 },
      { s: null, ts: null, d: null, f: null, i: null, b: null, n: 11 },
      { s: '7', ts: -86_400_001, d: '1969-12-31', f: -0.25, i: -3, b: false, n: 12 },
    ]);
  });

  it('keeps values and nulls in their rows across several chunks', async () => {
    const rows = Array.from({ length: 5000 }, (_, k) => ({
      s: k % 3 === 0 ? null : `v${k}`,
      ts: k % 5 === 0 ? null : 1_700_000_000_000 + k,
      d: '2026-01-02',
      f: k / 2,
      i: k,
      b: k % 2 === 0,
    }));
    const stored = await roundTrip(rows);
    expect(stored).toHaveLength(5000);
    for (const k of [0, 1, 2047, 2048, 2049, 4095, 4096, 4999]) {
      expect(stored[k]).toEqual({ ...rows[k], n: k });
    }
  });

  it('refuses an instant it cannot store exactly instead of storing garbage', async () => {
    await expect(roundTrip([{ s: 'x', ts: Number.NaN }])).rejects.toThrow(/64-bit/);
  });
});
