/**
 * Parity: the demo company loaded into DuckDB, single ClickHouse and the two-shard cluster gives
 * the same value for every KPI of the catalog (series at grain month and all, tables, custom
 * tables) and the same attribution credits. Runs through vitest.engines.config.ts with
 * NORTHSTAR_TEST_ENGINE unset, so the global setup starts both ClickHouse targets.
 * NORTHSTAR_PARITY_SCALE sets the demo scale (default 0.02 for CI; scale 1 is about 1M events);
 * NORTHSTAR_PARITY_SUMMARY names a JSON file the run's counts and timings are written to
 * (bench/clickhouse-parity.ts reads it).
 */
import { writeFileSync } from 'node:fs';
import { ATTRIBUTION_MODELS, DEFAULT_CATALOG, type QueryRequest, STORED_TABLES, type StoredRow, type TableName } from '@northstar/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttributionRequest, runAttribution } from '../attribution/run-attribution.ts';
import { generateDemo } from '../demo/generate-demo.ts';
import { runQuery } from '../metrics/run-query.ts';
import type { Store } from '../store/store.ts';
import { ENGINES, openEngineStore, type TestEngine } from './engine-stores.ts';

/**
 * Relative tolerance for numbers: sums of doubles are added in a different order per engine (and per
 * shard), which moves the last bits; 1e-9 of the value (or 1e-9 absolute near zero) is far below
 * any displayed precision and far above that rounding noise.
 */
const TOLERANCE = 1e-9;
const SCALE = Number(process.env.NORTHSTAR_PARITY_SCALE ?? 0.02);
/** Hooks and tests get time in proportion to the data: scale 1 loads about 1M events per engine. */
const TIMEOUT_MS = Math.max(600_000, SCALE * 1_800_000);
const TODAY = new Date('2026-06-30T12:00:00Z');

const stores = new Map<TestEngine, Store>();
let range: { from: string; to: string };

/** What the run compared and how long each part took, for NORTHSTAR_PARITY_SUMMARY. */
const summary = {
  scale: SCALE,
  tolerance: TOLERANCE,
  loadSeconds: {} as Record<string, number>,
  kpi: { requests: 0, values: 0, failures: 0, seconds: 0 },
  attribution: { results: 0, credits: 0, failures: 0, seconds: 0 },
};

/** Numbers in a result (every cell, credit and total), i.e. the values one comparison checks. */
function countNumbers(value: unknown): number {
  if (typeof value === 'number') return 1;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countNumbers(v), 0);
  if (value && typeof value === 'object') return countNumbers(Object.values(value));
  return 0;
}

/**
 * The store with timestamps written in whole seconds. ClickHouse 18.16 has no DateTime64 and
 * keeps seconds, so every engine gets the demo at that precision: the comparison is of the
 * engines' results on the same data. (On millisecond data, durations differ by under a second and
 * a touch in the same second as its conversion may count on ClickHouse only.)
 */
function wholeSeconds(store: Store): Store {
  const insertRows = async (table: TableName, rows: readonly StoredRow[]) => {
    const timestamps = STORED_TABLES[table].columns.filter(([, type]) => type === 'timestamp').map(([name]) => name);
    const truncate = (value: unknown) => (typeof value === 'number' ? Math.floor(value / 1000) * 1000 : value);
    const truncated = rows.map((row) => {
      const copy: Record<string, unknown> = { ...row };
      for (const name of timestamps) copy[name] = truncate(copy[name]);
      return copy as StoredRow;
    });
    await store.insertRows(table, truncated);
  };
  return new Proxy(store, {
    get: (target, property) => {
      if (property === 'insertRows') return insertRows;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Rows in a canonical order (tables may order ties differently), numbers as numbers. */
function canonical(rows: ReadonlyArray<Record<string, unknown>>): Array<Record<string, unknown>> {
  const key = (row: Record<string, unknown>) => JSON.stringify(Object.entries(row).filter(([, v]) => typeof v !== 'number'));
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => close(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return close(ka, kb) && ka.every((k) => close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** The first difference between two results, for a readable failure. */
function firstDifference(a: ReadonlyArray<Record<string, unknown>>, b: ReadonlyArray<Record<string, unknown>>): unknown {
  if (a.length !== b.length) return { rows: [a.length, b.length] };
  const i = a.findIndex((row, j) => !close(row, b[j]));
  return i < 0 ? undefined : { row: i, duckdb: a[i], other: b[i] };
}

function requests(): Array<[string, QueryRequest]> {
  const out: Array<[string, QueryRequest]> = [];
  for (const [id, metric] of DEFAULT_CATALOG.metrics) {
    if (metric.kind === 'series') {
      out.push([`${id} by month`, { metrics: [id], ...range, grain: 'month' }]);
      out.push([`${id} in all`, { metrics: [id], ...range, grain: 'all' }]);
    } else {
      out.push([id, { metrics: [id], ...range }]);
    }
  }
  return out;
}

/** Both ClickHouse targets come from vitest.engines.config.ts's global setup; plain `vitest` skips this file. */
const started = Boolean(process.env.NORTHSTAR_TEST_CLICKHOUSE_URLS && process.env.NORTHSTAR_TEST_CLICKHOUSE_CLUSTER_URLS);

describe.skipIf(!started)('engine parity on the demo company', () => {
  beforeAll(async () => {
    for (const engine of ENGINES) {
      const startedAt = performance.now();
      const store = await openEngineStore(engine);
      const demo = await generateDemo(wholeSeconds(store), { scale: SCALE, seed: 1, today: TODAY });
      stores.set(engine, store);
      range = { from: demo.from, to: nextDay(demo.to) };
      summary.loadSeconds[engine] = (performance.now() - startedAt) / 1000;
    }
  }, TIMEOUT_MS);
  afterAll(async () => {
    for (const store of stores.values()) await store.close();
    const file = process.env.NORTHSTAR_PARITY_SUMMARY;
    if (file) writeFileSync(file, JSON.stringify(summary, null, 2));
  });

  it(
    'gives every KPI the same value on DuckDB, ClickHouse and the ClickHouse cluster',
    async () => {
      const startedAt = performance.now();
      const failures: unknown[] = [];
      const duckdb = stores.get('duckdb') as Store;
      for (const [name, request] of requests()) {
        const expected = canonical((await runQuery(duckdb, request)).rows);
        summary.kpi.requests++;
        for (const engine of ['clickhouse', 'clickhouse-cluster'] as const) {
          const got = canonical((await runQuery(stores.get(engine) as Store, request)).rows);
          summary.kpi.values += countNumbers(expected);
          const difference = firstDifference(expected, got);
          if (difference !== undefined) failures.push({ name, engine, difference });
        }
      }
      summary.kpi.failures = failures.length;
      summary.kpi.seconds = (performance.now() - startedAt) / 1000;
      expect(failures).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    'gives the same attribution credits for every model',
    async () => {
      const startedAt = performance.now();
      const failures: unknown[] = [];
      for (const conversion of ['lead', 'customer', 'revenue'] as const) {
        for (const by of ['channel', 'content'] as const) {
          const request: AttributionRequest = {
            models: [...ATTRIBUTION_MODELS],
            conversion,
            by,
            lookbackDays: 90,
            ...range,
            timezone: 'UTC',
          };
          const strip = (results: Awaited<ReturnType<typeof runAttribution>>) =>
            results.map(({ details: _details, ...r }) => ({ ...r, rows: canonical(r.rows) }));
          const expected = strip(await runAttribution(stores.get('duckdb') as Store, request));
          expect(expected.some((r) => r.totalConversions > 0)).toBe(true);
          for (const engine of ['clickhouse', 'clickhouse-cluster'] as const) {
            const got = strip(await runAttribution(stores.get(engine) as Store, request));
            summary.attribution.results += expected.length;
            summary.attribution.credits += countNumbers(expected);
            got.forEach((result, i) => {
              if (!close(result, expected[i])) {
                failures.push({
                  conversion,
                  by,
                  engine,
                  model: result.model,
                  difference: firstDifference(expected[i]?.rows ?? [], result.rows),
                });
              }
            });
          }
        }
      }
      summary.attribution.failures = failures.length;
      summary.attribution.seconds = (performance.now() - startedAt) / 1000;
      expect(failures).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
