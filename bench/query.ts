/**
 * Overview dashboard: the 10 headline KPI tiles (each a monthly series with the previous period),
 * over the demo company at a scale, warm. Compared in one run with the same SQL on a plain DuckDB
 * connection, and the scan tiles with hand-written typed-array loops over the same columns.
 * Usage: npx tsx bench/query.ts [scale]   (the demo database is cached in bench/.data/)
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileQuery, DEFAULT_CATALOG, duckdbDialect, parseTimestamp, planQuery, type QueryRequest } from '@northstar/core';
import { buildApp } from '../packages/server/src/http/app.ts';
import { clearQueryCache } from '../packages/server/src/metrics/query-cache.ts';
import { DuckDbStore } from '../packages/server/src/store/duckdb/duckdb-store.ts';
import { writeSection } from './lib/report.ts';

const scale = Number(process.argv[2] ?? 10);
const dir = join(import.meta.dirname, '.data');
mkdirSync(dir, { recursive: true });
const path = join(dir, `demo-${scale}.duckdb`);
const fresh = !existsSync(path);
const store = await DuckDbStore.open({ path });
if (fresh) {
  const { generateDemo } = await import('../packages/server/src/demo/generate-demo.ts');
  const t = performance.now();
  await generateDemo(store, { scale, seed: 1 });
  process.stderr.write(`demo scale ${scale} generated in ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
}
const events = await store.count('events');
const sessionsCount = await store.count('sessions');
const { timezone } = await store.getSettings();

// The last six whole months, monthly, compared with the six before.
const now = new Date();
const to = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-01`;
const fromDate = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 6, 1));
const from = fromDate.toISOString().slice(0, 10);
const TILES = [
  'sessions',
  'visitors',
  'conversion_rate',
  'leads',
  'mqls',
  'new_customers',
  'cac',
  'roas',
  'ltv_cac_ratio',
  'sales_revenue',
];
const request = (metric: string): QueryRequest => ({ metrics: [metric], from, to, grain: 'month', comparison: 'previous' });

const app = await buildApp({ store, webRoot: '/nonexistent' });
const raw = await store.openRawConnection();
const compiled = TILES.map((metric) =>
  compileQuery(DEFAULT_CATALOG, planQuery(DEFAULT_CATALOG, request(metric), { timezone, now }), duckdbDialect, {
    derivedTables: store.derivedTables,
  }),
);

async function serverSet(): Promise<number> {
  clearQueryCache(store); // time the queries, not the result cache
  const t = performance.now();
  await Promise.all(
    TILES.map(async (metric) => {
      const response = await app.inject({ method: 'POST', url: '/api/v1/query', payload: request(metric) });
      if (response.statusCode !== 200) throw new Error(`${metric}: ${response.body}`);
    }),
  );
  return performance.now() - t;
}

async function rawTile(i: number): Promise<number> {
  const q = compiled[i];
  if (!q) return 0;
  const t = performance.now();
  const reader = await raw.runAndReadAll(q.sql, q.params);
  reader.getRows();
  return performance.now() - t;
}

async function rawSet(): Promise<number> {
  let total = 0;
  for (let i = 0; i < TILES.length; i++) total += await rawTile(i);
  return total;
}

// Typed arrays of the same columns the scan tiles read.
async function column(sql: string): Promise<unknown[]> {
  const reader = await raw.runAndReadAll(sql);
  return reader.getColumns()[0] ?? [];
}
const started = Float64Array.from((await column('SELECT epoch_ms(started_at) FROM sessions ORDER BY started_at, session_id')).map(Number));
const converted = Uint8Array.from(
  (await column('SELECT CAST(converted AS INTEGER) FROM sessions ORDER BY started_at, session_id')).map(Number),
);
const visitorIds = Int32Array.from(
  (await column('SELECT CAST(dense_rank() OVER (ORDER BY visitor_id) AS INTEGER) FROM sessions ORDER BY rowid')).map(Number),
);
const created = Float64Array.from((await column('SELECT epoch_ms(created_at) FROM contacts')).map(Number));
const wonAt = Float64Array.from((await column("SELECT epoch_ms(closed_at) FROM deals WHERE status = 'won'")).map(Number));
const wonAmount = Float64Array.from((await column("SELECT amount FROM deals WHERE status = 'won'")).map(Number));
const orderAt = Float64Array.from((await column('SELECT epoch_ms("timestamp") FROM orders')).map(Number));
const orderAmount = Float64Array.from((await column('SELECT amount FROM orders')).map(Number));

// Month boundaries of current and previous ranges (12 buckets) in the workspace timezone.
const bounds: number[] = [];
for (let m = -6; m <= 6; m++) {
  const d = new Date(Date.UTC(fromDate.getUTCFullYear(), fromDate.getUTCMonth() + m, 1));
  bounds.push(parseTimestamp(d.toISOString().slice(0, 10), timezone) as number);
}
function bucket(t: number): number {
  if (t < (bounds[0] as number) || t >= (bounds[12] as number)) return -1;
  let b = 0;
  while (t >= (bounds[b + 1] as number)) b++;
  return b;
}
const LOOPS: Record<string, () => unknown> = {
  sessions: () => {
    const counts = new Float64Array(12);
    for (let i = 0; i < started.length; i++) {
      const b = bucket(started[i] as number);
      if (b >= 0) counts[b] = (counts[b] as number) + 1;
    }
    return counts;
  },
  visitors: () => {
    const seen = new Int32Array(visitorIds.length + 1).fill(-1);
    const counts = new Float64Array(12);
    for (let i = 0; i < started.length; i++) {
      const b = bucket(started[i] as number);
      if (b < 0) continue;
      const v = visitorIds[i] as number;
      // Sessions are loaded in time order, so a visitor's buckets only grow: remembering the last
      // bucket it was counted in counts it once per bucket.
      if (seen[v] !== b) {
        seen[v] = b;
        counts[b] = (counts[b] as number) + 1;
      }
    }
    return counts;
  },
  conversion_rate: () => {
    const s = new Float64Array(12);
    const c = new Float64Array(12);
    for (let i = 0; i < started.length; i++) {
      const b = bucket(started[i] as number);
      if (b < 0) continue;
      s[b] = (s[b] as number) + 1;
      c[b] = (c[b] as number) + (converted[i] as number);
    }
    return c.map((x, i) => (s[i] ? x / (s[i] as number) : Number.NaN));
  },
  leads: () => {
    const counts = new Float64Array(12);
    for (let i = 0; i < created.length; i++) {
      const b = bucket(created[i] as number);
      if (b >= 0) counts[b] = (counts[b] as number) + 1;
    }
    return counts;
  },
  sales_revenue: () => {
    const sums = new Float64Array(12);
    for (let i = 0; i < wonAt.length; i++) {
      const b = bucket(wonAt[i] as number);
      if (b >= 0) sums[b] = (sums[b] as number) + (wonAmount[i] as number);
    }
    for (let i = 0; i < orderAt.length; i++) {
      const b = bucket(orderAt[i] as number);
      if (b >= 0) sums[b] = (sums[b] as number) + (orderAmount[i] as number);
    }
    return sums;
  },
};

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
const timeLoop = (fn: () => unknown) => {
  const samples: number[] = [];
  for (let r = 0; r < 15; r++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return percentile(samples, 0.5);
};

// Warm up, then interleave server and raw runs so both see the same machine state.
for (let r = 0; r < 3; r++) {
  await serverSet();
  await rawSet();
}
const server: number[] = [];
const rawTimes: number[] = [];
const perTile: number[][] = TILES.map(() => []);
for (let r = 0; r < 20; r++) {
  server.push(await serverSet());
  let total = 0;
  for (let i = 0; i < TILES.length; i++) {
    const ms = await rawTile(i);
    perTile[i]?.push(ms);
    total += ms;
  }
  rawTimes.push(total);
}
const loopRows = TILES.map((metric, i) => {
  const sql = percentile(perTile[i] ?? [], 0.5);
  const loop = LOOPS[metric];
  if (!loop) return `| ${metric} | ${sql.toFixed(1)} ms | — | — |`;
  const loopMs = timeLoop(loop);
  return `| ${metric} | ${sql.toFixed(1)} ms | ${loopMs.toFixed(1)} ms | ${(sql / loopMs).toFixed(1)} × |`;
});
await app.close();
raw.closeSync();
await store.close();

const serverP50 = percentile(server, 0.5);
const serverP95 = percentile(server, 0.95);
const rawP50 = percentile(rawTimes, 0.5);
writeSection(
  `Overview query set (demo scale ${scale})`,
  `npx tsx bench/query.ts ${scale}`,
  `${events.toLocaleString('en-US')} events, ${sessionsCount.toLocaleString('en-US')} sessions; 10 tiles (${TILES.join(', ')}), each a monthly series over ${from} – ${to} with the previous period; 20 warm runs after 3 warm-ups. The compiled SQL reads the derived tables the DuckDB store keeps up to date on load (${store.derivedTables.join(', ')}: packages/server/src/store/duckdb/derived-tables.ts); the plain-DuckDB figure runs that same SQL.

| figure | value | target |
|---|---|---|
| server, whole set through POST /api/v1/query (inject), p50 | ${serverP50.toFixed(0)} ms | |
| server, whole set, p95 | ${serverP95.toFixed(0)} ms | ≤ 300 ms |
| same SQL on a plain DuckDB connection, whole set, p50 | ${rawP50.toFixed(0)} ms | |
| overhead of the server over plain SQL (p50) | ${(((serverP50 - rawP50) / rawP50) * 100).toFixed(0)} % | ≤ 10 % |

Per tile: plain DuckDB SQL against a hand-written typed-array loop over the same columns (already in memory), median of warm runs. Tiles without a loop need joins across stages, spend and deals; they are compared with plain SQL only.

| tile | DuckDB SQL | typed-array loop | ratio (target ≤ 3 ×) |
|---|---|---|---|
${loopRows.join('\n')}`,
);
