/**
 * Overview dashboard: the 10 headline KPI tiles (each a monthly series with the previous period),
 * over the demo company at a scale, warm. Compared in one run with the same SQL on a plain DuckDB
 * connection (prepared once, as the store's read pool keeps it), with that SQL on an empty
 * database of the same schema (DuckDB's fixed cost of the statement), with DuckDB's own profile of
 * each tile (planning vs execution), and with hand-written typed-array loops over the same columns
 * that must produce the tile's own numbers.
 * Usage: npx tsx bench/query.ts [scale]   (the demo database is cached in bench/.data/)
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBValue } from '@duckdb/node-api';
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
// Same schema (migrations and derived tables), no rows: what a statement costs before any scan.
const empty = await DuckDbStore.open({ path: ':memory:' });
const emptyRaw = await empty.openRawConnection();
const compiled = TILES.map((metric) =>
  compileQuery(DEFAULT_CATALOG, planQuery(DEFAULT_CATALOG, request(metric), { timezone, now }), duckdbDialect, {
    derivedTables: store.derivedTables,
  }),
);
async function prepareAll(connection: DuckDBConnection): Promise<DuckDBPreparedStatement[]> {
  return Promise.all(compiled.map((q) => connection.prepare(q.sql)));
}
const prepared = await prepareAll(raw);
const preparedEmpty = await prepareAll(emptyRaw);
// The store reads on two connections (read-pool.ts), so a dashboard's tiles run two at a time.
const raw2 = await store.openRawConnection();
const prepared2 = await prepareAll(raw2);

type Rows = Array<Record<string, number | string | null>>;
async function serverTile(metric: string): Promise<Rows> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/query', payload: request(metric) });
  if (response.statusCode !== 200) throw new Error(`${metric}: ${response.body}`);
  return (response.json() as { rows: Rows }).rows;
}

/** The whole set as the dashboard asks it: one POST /api/v1/query/batch (web/src/api/query-batch.ts). */
async function serverBatch(): Promise<number> {
  clearQueryCache(store); // time the queries, not the result cache
  const t = performance.now();
  const response = await app.inject({ method: 'POST', url: '/api/v1/query/batch', payload: { queries: TILES.map(request) } });
  const { results } = response.json() as { results: Array<{ rows?: Rows; status?: number }> };
  if (response.statusCode !== 200 || results.some((r) => !r.rows)) throw new Error(`batch: ${response.body}`);
  return performance.now() - t;
}

/** The whole set as ten POST /api/v1/query at once. */
async function serverSet(): Promise<number> {
  clearQueryCache(store);
  const t = performance.now();
  await Promise.all(TILES.map(serverTile));
  return performance.now() - t;
}

async function runPrepared(statements: DuckDBPreparedStatement[], i: number): Promise<number> {
  const q = compiled[i];
  const statement = statements[i];
  if (!q || !statement) return 0;
  const t = performance.now();
  statement.bind(q.params as DuckDBValue[]);
  const reader = await statement.runAndReadAll();
  reader.getRowObjectsJS();
  return performance.now() - t;
}

async function rawSet(): Promise<number> {
  let total = 0;
  for (let i = 0; i < TILES.length; i++) total += await runPrepared(prepared, i);
  return total;
}

/** The tiles on two plain connections at once, each taking the next tile when free, as the read pool does. */
async function rawSetTwoConnections(): Promise<number> {
  let next = 0;
  const lane = async (statements: DuckDBPreparedStatement[]) => {
    while (next < TILES.length) await runPrepared(statements, next++);
  };
  const t = performance.now();
  await Promise.all([lane(prepared), lane(prepared2)]);
  return performance.now() - t;
}

// A third connection with DuckDB's profiler on (per connection, so the timed runs above are not
// profiled): each run writes its profile, which splits the statement into planning (bind, optimise,
// physical plan: done again on every run, as DuckDB re-plans a statement with bound parameters)
// and execution (the operators' time, summed over DuckDB's threads: the scan proper).
const profiled = await store.openRawConnection();
const preparedProfiled = await prepareAll(profiled);
const profilePath = join(tmpdir(), `northstar-bench-profile-${process.pid}.json`);
await profiled.run("PRAGMA enable_profiling = 'json'");
await profiled.run("PRAGMA profiling_mode = 'detailed'");
await profiled.run(`PRAGMA profiling_output = '${profilePath}'`);
interface Profile {
  query_name: string;
  planner: number;
  all_optimizers: number;
  physical_planner: number;
  cpu_time: number;
}
async function profileTile(i: number): Promise<{ planning: number; execution: number }> {
  await runPrepared(preparedProfiled, i);
  const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as Profile;
  if (profile.query_name.trim() !== compiled[i]?.sql.trim()) throw new Error(`the profile read is not ${TILES[i]}'s`);
  return {
    planning: (profile.planner + profile.all_optimizers + profile.physical_planner) * 1000,
    execution: profile.cpu_time * 1000,
  };
}

// Typed arrays of the same columns the tiles read. Month boundaries of the previous and current
// ranges (12 buckets): local midnights for timestamps, calendar days for dates.
async function column(sql: string): Promise<number[]> {
  const reader = await raw.runAndReadAll(sql);
  return (reader.getColumns()[0] ?? []).map(Number);
}
const ms = async (sql: string) => Float64Array.from(await column(sql));
const started = await ms('SELECT epoch_ms(started_at) FROM sessions ORDER BY started_at, session_id');
const converted = Uint8Array.from(await column('SELECT CAST(converted AS INTEGER) FROM sessions ORDER BY started_at, session_id'));
const visitorIds = Int32Array.from(
  await column('SELECT CAST(dense_rank() OVER (ORDER BY visitor_id) AS INTEGER) FROM sessions ORDER BY started_at, session_id'),
);
// Whole columns, as the engine reads them: a missing time is NaN, which falls in no bucket.
const nullable = async (sql: string) =>
  Float64Array.from((await raw.runAndReadAll(sql)).getColumns()[0] ?? [], (v) => (v === null ? Number.NaN : Number(v)));
const reach = (stage: string) => nullable(`SELECT epoch_ms(${stage}_at) FROM contact_reach`);
const leadAt = await reach('lead');
const mqlAt = await reach('mql');
const customerAt = await reach('customer');
const dealClosedAt = await nullable('SELECT epoch_ms(closed_at) FROM deals');
const dealWon = Uint8Array.from(await column("SELECT CAST(status = 'won' AS INTEGER) FROM deals"));
const dealAmount = await ms('SELECT amount FROM deals');
const orderAt = await ms('SELECT epoch_ms("timestamp") FROM orders');
const orderAmount = await ms('SELECT amount FROM orders');
const spendDay = Int32Array.from(await column("SELECT CAST(date - DATE '1970-01-01' AS INTEGER) FROM spend"));
const spendAmount = await ms('SELECT amount FROM spend');
// 1 marketing, 2 sales, 0 other; 1 when the category is advertising.
const spendDepartment = Uint8Array.from(
  await column("SELECT CASE department WHEN 'marketing' THEN 1 WHEN 'sales' THEN 2 ELSE 0 END FROM spend"),
);
const spendAdvertising = Uint8Array.from(await column("SELECT CAST(category = 'advertising' AS INTEGER) FROM spend"));

const bounds: number[] = [];
const dayBounds: number[] = [];
for (let m = -6; m <= 6; m++) {
  const d = new Date(Date.UTC(fromDate.getUTCFullYear(), fromDate.getUTCMonth() + m, 1));
  bounds.push(parseTimestamp(d.toISOString().slice(0, 10), timezone) as number);
  dayBounds.push(d.getTime() / 86_400_000);
}
function bucketIn(edges: readonly number[], t: number): number {
  if (!(t >= (edges[0] as number) && t < (edges[12] as number))) return -1; // NaN too
  let b = 0;
  while (t >= (edges[b + 1] as number)) b++;
  return b;
}
const bucket = (t: number) => bucketIn(bounds, t);
function countIn(times: Float64Array): Float64Array {
  const counts = new Float64Array(12);
  for (let i = 0; i < times.length; i++) {
    const b = bucket(times[i] as number);
    if (b >= 0) counts[b] = (counts[b] as number) + 1;
  }
  return counts;
}
function salesIn(): Float64Array {
  const sums = new Float64Array(12);
  for (let i = 0; i < dealClosedAt.length; i++) {
    const b = bucket(dealClosedAt[i] as number);
    if (b >= 0 && dealWon[i] === 1) sums[b] = (sums[b] as number) + (dealAmount[i] as number);
  }
  for (let i = 0; i < orderAt.length; i++) {
    const b = bucket(orderAt[i] as number);
    if (b >= 0) sums[b] = (sums[b] as number) + (orderAmount[i] as number);
  }
  return sums;
}
/** Spend per bucket of the rows `keep` accepts (by department code and advertising flag). */
function spendIn(keep: (department: number, advertising: number) => boolean): Float64Array {
  const sums = new Float64Array(12);
  for (let i = 0; i < spendDay.length; i++) {
    const b = bucketIn(dayBounds, spendDay[i] as number);
    if (b >= 0 && keep(spendDepartment[i] as number, spendAdvertising[i] as number))
      sums[b] = (sums[b] as number) + (spendAmount[i] as number);
  }
  return sums;
}
const ratio = (a: Float64Array, b: Float64Array) => Float64Array.from(a, (x, i) => (b[i] ? x / (b[i] as number) : Number.NaN));

/** Each loop returns the tile's 12 monthly values: the comparison's 6 months, then the range's. */
const LOOPS: Record<string, () => Float64Array> = {
  sessions: () => countIn(started),
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
    return ratio(c, s);
  },
  leads: () => countIn(leadAt),
  mqls: () => countIn(mqlAt),
  new_customers: () => countIn(customerAt),
  cac: () =>
    ratio(
      spendIn((department) => department > 0),
      countIn(customerAt),
    ),
  roas: () =>
    ratio(
      salesIn(),
      spendIn((_, advertising) => advertising === 1),
    ),
  sales_revenue: salesIn,
};

/** Fails the run unless a loop computes the same 12 values as the server's tile. */
function checkLoop(metric: string, rows: Rows, values: Float64Array): void {
  const expected = [...rows.map((r) => r[`${metric}_previous`]), ...rows.map((r) => r[metric])];
  expected.forEach((want, i) => {
    const got = values[i] as number;
    const same = want === null ? Number.isNaN(got) : Math.abs(got - Number(want)) <= 1e-9 * Math.max(1, Math.abs(got));
    if (!same) throw new Error(`${metric}: the typed-array loop gives ${got} in bucket ${i}, the server ${want}`);
  });
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
const timeLoop = (fn: () => unknown) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

for (const [metric, loop] of Object.entries(LOOPS)) checkLoop(metric, await serverTile(metric), loop());

// Warm up, then interleave server and raw runs so both see the same machine state.
for (let r = 0; r < 3; r++) {
  await serverBatch();
  await serverSet();
  await rawSet();
  await rawSetTwoConnections();
  for (let i = 0; i < TILES.length; i++) await profileTile(i);
  for (const loop of Object.values(LOOPS)) timeLoop(loop);
}
const batch: number[] = [];
const server: number[] = [];
const rawTimes: number[] = [];
const rawParallel: number[] = [];
const perTile: number[][] = TILES.map(() => []);
const perTileEmpty: number[][] = TILES.map(() => []);
const perTilePlanning: number[][] = TILES.map(() => []);
const perTileExecution: number[][] = TILES.map(() => []);
const perTileLoop: number[][] = TILES.map(() => []);
// The three whole-set runs take turns at going first: the first follows the per-tile runs and
// loops below, which leave other data in the CPU caches.
const wholeSets: Array<[() => Promise<number>, number[]]> = [
  [serverBatch, batch],
  [serverSet, server],
  [rawSetTwoConnections, rawParallel],
];
// Each run goes through the three whole-set runs three times, each order once: 63 of each.
for (let r = 0; r < 21; r++) {
  for (let first = 0; first < wholeSets.length; first++) {
    for (let k = 0; k < wholeSets.length; k++) {
      const [run, times] = wholeSets[(first + k) % wholeSets.length] as [() => Promise<number>, number[]];
      times.push(await run());
    }
  }
  let total = 0;
  for (let i = 0; i < TILES.length; i++) {
    const t = await runPrepared(prepared, i);
    perTile[i]?.push(t);
    total += t;
    perTileEmpty[i]?.push(await runPrepared(preparedEmpty, i));
    const { planning, execution } = await profileTile(i);
    perTilePlanning[i]?.push(planning);
    perTileExecution[i]?.push(execution);
    const loop = LOOPS[TILES[i] as string];
    if (loop) perTileLoop[i]?.push(timeLoop(loop));
  }
  rawTimes.push(total);
}
const median = (xs: number[] | undefined) => percentile(xs ?? [], 0.5);
const tileRows = TILES.map((metric, i) => {
  const sql = median(perTile[i]);
  const execution = median(perTileExecution[i]);
  const cells = `| ${metric} | ${sql.toFixed(2)} ms | ${median(perTileEmpty[i]).toFixed(2)} ms | ${median(perTilePlanning[i]).toFixed(2)} ms | ${execution.toFixed(2)} ms |`;
  if (!LOOPS[metric]) return { metric, met: true, row: `${cells} — | — | — |` };
  const loopMs = median(perTileLoop[i]);
  return {
    metric,
    met: execution / loopMs <= 3,
    row: `${cells} ${loopMs.toFixed(2)} ms | ${(execution / loopMs).toFixed(1)} × | ${(sql / loopMs).toFixed(1)} × |`,
  };
});
await app.close();
for (const statement of [...prepared, ...prepared2, ...preparedEmpty, ...preparedProfiled]) statement.destroySync();
raw.closeSync();
raw2.closeSync();
profiled.closeSync();
rmSync(profilePath, { force: true });
emptyRaw.closeSync();
await empty.close();
await store.close();

const batchP50 = percentile(batch, 0.5);
const batchP95 = percentile(batch, 0.95);
const serverP50 = percentile(server, 0.5);
const serverP95 = percentile(server, 0.95);
const rawP50 = percentile(rawTimes, 0.5);
const parallelP50 = percentile(rawParallel, 0.5);
// Against plain SQL on two connections, the faster way of running it (so the server's own
// parallelism earns nothing), as ratios of runs of the same round: both saw the same machine.
const slowerInParallel =
  parallelP50 > rawP50 ? '\n\n**Plain SQL on two connections was slower than on one in this run: the overhead above is understated.**' : '';
const pairedOverhead = (times: number[]) => {
  const ratios = times.map((t, i) => t / (rawParallel[i] as number) - 1);
  const pct = (p: number) => `${(percentile(ratios, p) * 100).toFixed(0)} %`;
  return `${pct(0.5)} (quartiles ${pct(0.25)} – ${pct(0.75)})`;
};
const missed = tileRows.filter((t) => !t.met).map((t) => t.metric);
writeSection(
  `Overview query set (demo scale ${scale})`,
  `npx tsx bench/query.ts ${scale}`,
  `${events.toLocaleString('en-US')} events, ${sessionsCount.toLocaleString('en-US')} sessions; 10 tiles (${TILES.join(', ')}), each a monthly series over ${from} – ${to} with the previous period; 63 warm runs of the whole set after 3 warm-ups, in rounds of three (one batch, ten requests, plain SQL on two connections), each of the three orders as often, the server's result cache cleared before each; 21 runs of each tile. The dashboard asks a page's tiles in one POST /api/v1/query/batch (packages/web/src/api/query-batch.ts), so that is the whole set's main figure; ten POST /api/v1/query at once are timed too. The compiled SQL reads the derived tables the DuckDB store keeps up to date on load (${store.derivedTables.join(', ')}: packages/server/src/store/duckdb/derived-tables.ts). The plain-DuckDB figures run that same SQL on plain connections of the same database, prepared once and bound each run, as the store's read pool keeps its statements (packages/server/src/store/duckdb/read-pool.ts). The server's overhead is the median over the 63 rounds of the server's time ÷ the plain two-connection time of the same round, minus one: a ratio within one round, as the machine's load drifts between rounds.

| figure | value | target |
|---|---|---|
| server, whole set in one POST /api/v1/query/batch (inject), p50 | ${batchP50.toFixed(0)} ms | |
| server, whole set in one batch, p95 | ${batchP95.toFixed(0)} ms | ≤ 300 ms |
| server, whole set as ten POST /api/v1/query at once, p50 / p95 | ${serverP50.toFixed(0)} ms / ${serverP95.toFixed(0)} ms | |
| same SQL on a plain DuckDB connection, tiles one after another, p50 | ${rawP50.toFixed(0)} ms | |
| same SQL on two plain connections, two tiles at a time (as the server's read pool), p50 | ${parallelP50.toFixed(0)} ms | |
| overhead of the server (one batch) over plain SQL on two connections, median of per-round ratios | ${pairedOverhead(batch)} | ≤ 10 % |
| overhead of the server (ten requests) over plain SQL on two connections, median of per-round ratios | ${pairedOverhead(server)} | |

Per tile, medians of the 21 runs; in each run a tile's SQL, its empty-database run, its profiled run and its loop follow one another, so all see the same machine state. **Fixed cost** is the same prepared statement on an empty database of the same schema (\`DuckDbStore.open(':memory:')\`): parameters, planning, pipeline set-up, result transfer, with no row to read. **Planning** and **execution** come from DuckDB's profiler (\`PRAGMA enable_profiling = 'json'\`, detailed mode, on a third connection): planning is binding, optimising and physical planning, which DuckDB does again on every run of a statement with bound parameters; execution is the time of every operator (scans, filters, projections, aggregates, joins), summed over DuckDB's threads: the scan proper, which the typed-array loop (hand-written, single-threaded, over the same whole columns already in memory as typed arrays, a missing time as NaN) does too. The profiler's own timers count against execution. Before the timing, every loop's 12 values (6 months and the 6 before) were checked equal to the server's answer for the tile. ltv_cac_ratio has no loop (LTV joins purchases, customers at the start and churn).

| tile | DuckDB SQL | fixed cost (empty db) | planning | execution | typed-array loop | execution ÷ loop (target ≤ 3 ×) | whole SQL ÷ loop |
|---|---|---|---|---|---|---|---|
${tileRows.map((t) => t.row).join('\n')}

Executions within 3 × the loop: ${missed.length === 0 ? 'every tile' : `all but ${missed.join(', ')}`}.${slowerInParallel}`,
);
