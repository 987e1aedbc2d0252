/**
 * Single ClickHouse (Debian's clickhouse-server, started on loopback ports) against DuckDB on this
 * machine, in one run: the demo company loaded into each engine, live appends through
 * Store.appendLiveEvents, and the overview query set of bench/query.ts (10 tiles, each a monthly
 * series with the previous period) through runQuery, warm, the engines taking turns.
 * Usage: npx tsx bench/clickhouse.ts [scale]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueryRequest, StoredRow, TableName } from '@northstar/core';
import { generateDemo } from '../packages/server/src/demo/generate-demo.ts';
import { inputRow } from '../packages/server/src/demo/sink.ts';
import { toStoredRow } from '../packages/server/src/import/to-stored-row.ts';
import { runQuery } from '../packages/server/src/metrics/run-query.ts';
import { DuckDbStore } from '../packages/server/src/store/duckdb/duckdb-store.ts';
import { openClickHouse } from '../packages/server/src/store/open-store.ts';
import type { Store } from '../packages/server/src/store/store.ts';
import { startClickHouse } from '../packages/server/src/test-harness/clickhouse-server.ts';
import { writeSection } from './lib/report.ts';

const scale = Number(process.argv[2] ?? 10);
const WARMUPS = 2;
const RUNS = 10;
/** Live appends: what the ingest loader hands the store after a few hundred ms under load. */
const LIVE_BATCH = 10_000;
const LIVE_BATCHES = 30;
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
/**
 * A query setting on the NORTHSTAR_CLICKHOUSE_URL, as an operator would set it: ClickHouse's own
 * default memory limit per query (the test harness caps it at 4 GB). Rebuilding the sessions of
 * scale 10 (10M events) exceeds 4 GB on 18.16, and with GROUP BY spilling to disk
 * (max_bytes_before_external_group_by) the server dropped the connection mid-query.
 */
const CLICKHOUSE_URL_SETTINGS = 'clickhouse_setting_max_memory_usage=10000000000';
const ENGINES = ['duckdb', 'clickhouse'] as const;
type Engine = (typeof ENGINES)[number];

const log = (message: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
const load1 = () => loadavg()[0]?.toFixed(1) ?? '?';
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
const n = (v: number) => Math.round(v).toLocaleString('en-US');
const ms = (v: number) => `${v.toFixed(0)} ms`;
const s = (v: number) => `${(v / 1000).toFixed(1)} s`;
const ratio = (ch: number, duck: number) => (duck > 0 ? `${(ch / duck).toFixed(2)} ×` : '—');

interface LoadFigures {
  wallMs: number;
  insertMs: number;
  sessionsMs: number;
  rows: number;
  events: number;
  sessions: number;
  load: string;
}

/** Loads the demo, timing the store's own work (row inserts, session rebuild) apart from generation. */
async function loadDemo(store: Store, today: Date): Promise<LoadFigures> {
  const figures: LoadFigures = { wallMs: 0, insertMs: 0, sessionsMs: 0, rows: 0, events: 0, sessions: 0, load: load1() };
  const insertRows = async (table: TableName, rows: readonly StoredRow[]) => {
    const t = performance.now();
    await store.insertRows(table, rows);
    figures.insertMs += performance.now() - t;
    figures.rows += rows.length;
  };
  const refreshSessions = async () => {
    const t = performance.now();
    await store.refreshSessions();
    figures.sessionsMs += performance.now() - t;
  };
  const timed = new Proxy(store, {
    get: (target, property) => {
      if (property === 'insertRows') return insertRows;
      if (property === 'refreshSessions') return refreshSessions;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const started = performance.now();
  await generateDemo(timed, { scale, seed: 1, today, onProgress: (m) => log(`  ${m}`) });
  figures.wallMs = performance.now() - started;
  figures.events = await store.count('events');
  figures.sessions = await store.count('sessions');
  return figures;
}

/** Live tracker-like events of `batch`, enriched as the collector enriches them; 1 % identify a contact. */
function liveRows(batch: number, nowMs: number): StoredRow[] {
  const rows: StoredRow[] = [];
  for (let i = 0; i < LIVE_BATCH; i++) {
    const k = batch * LIVE_BATCH + i;
    const identify = k % 100 === 0;
    const result = toStoredRow(
      'events',
      inputRow('events', {
        event_id: `live-${k}`,
        timestamp: nowMs - (LIVE_BATCH - i),
        type: identify ? 'identify' : i % 4 === 0 ? 'pageview' : 'scroll',
        site: 'default',
        visitor_id: `lv-${k % 20_000}`,
        session_id: `ls-${k % 40_000}`,
        contact_id: identify ? `lc-${k}` : null,
        url: `https://northstar.example/pricing?utm_source=newsletter&utm_medium=email&p=${k % 50}`,
        referrer: 'https://mail.example/',
        user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
        country: 'PL',
        scroll_percent: identify || i % 4 === 0 ? null : 50,
      }),
      { fx: undefined, timezone: 'UTC' },
    );
    if (!('row' in result)) throw new Error(`live event ${k} rejected: ${JSON.stringify(result)}`);
    rows.push(result.row);
  }
  return rows;
}

/** Numbers compared within 1e-9 relative, everything else exactly: are two engines' tiles the same? */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return (
      same(keys.sort(), Object.keys(b).sort()) &&
      keys.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return a === b;
}

const dir = mkdtempSync(join(tmpdir(), 'northstar-bench-ch-'));
const server = await startClickHouse();
const stores = new Map<Engine, Store>();
try {
  stores.set('duckdb', await DuckDbStore.open({ path: join(dir, 'northstar.duckdb') }));
  const meta = await DuckDbStore.open({ path: ':memory:' });
  stores.set(
    'clickhouse',
    await openClickHouse(
      { duckdbPath: '', clickhouseUrls: [`${server.url}/?${CLICKHOUSE_URL_SETTINGS}`] },
      { metadata: meta.metadata, close: () => meta.close() },
    ),
  );
  const store = (engine: Engine) => stores.get(engine) as Store;

  // One `today` for both loads, so both engines hold the same company.
  const today = new Date();
  const loads = {} as Record<Engine, LoadFigures>;
  for (const engine of ENGINES) {
    log(`loading the demo company (scale ${scale}) into ${engine}`);
    loads[engine] = await loadDemo(store(engine), today);
    log(`  ${engine}: ${JSON.stringify(loads[engine])}`);
  }
  // ReplacingMergeTree merges parts in the background; let it settle so it does not run under the queries.
  const settleStart = performance.now();
  for (let quiet = 0; quiet < 3 && performance.now() - settleStart < 120_000; ) {
    const [row] = await store('clickhouse').query('SELECT count() AS n FROM system.merges');
    quiet = Number(row?.n ?? 0) === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const settleMs = performance.now() - settleStart;
  const [parts] = await store('clickhouse').query(
    "SELECT count() AS n FROM system.parts WHERE active AND database = currentDatabase() AND table = 'events_data'",
  );

  // The last six whole months, monthly, compared with the six before (as bench/query.ts).
  const now = new Date();
  const to = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-01`;
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 6, 1)).toISOString().slice(0, 10);
  const request = (metric: string): QueryRequest => ({ metrics: [metric], from, to, grain: 'month', comparison: 'previous' });

  let sameTiles = 0;
  for (const metric of TILES) {
    const [a, b] = await Promise.all(
      ENGINES.map(async (engine) => (await runQuery(store(engine), request(metric), { now, cache: false })).rows),
    );
    if (same(a, b)) sameTiles++;
    else log(`  ${metric} differs: duckdb ${JSON.stringify(a).slice(0, 300)} clickhouse ${JSON.stringify(b).slice(0, 300)}`);
  }

  /** The whole set as the dashboard sends it: all tiles at once. */
  const runSet = async (engine: Engine) => {
    const t = performance.now();
    await Promise.all(TILES.map((metric) => runQuery(store(engine), request(metric), { now, cache: false })));
    return performance.now() - t;
  };
  const runTile = async (engine: Engine, metric: string) => {
    const t = performance.now();
    await runQuery(store(engine), request(metric), { now, cache: false });
    return performance.now() - t;
  };
  log(`overview query set: ${WARMUPS} warm-ups, ${RUNS} runs per engine, engines taking turns`);
  const queryLoad = load1();
  for (let r = 0; r < WARMUPS; r++) for (const engine of ENGINES) await runSet(engine);
  const sets: Record<Engine, number[]> = { duckdb: [], clickhouse: [] };
  const tiles: Record<Engine, number[][]> = { duckdb: TILES.map(() => []), clickhouse: TILES.map(() => []) };
  for (let r = 0; r < RUNS; r++) {
    log(`  run ${r + 1} of ${RUNS}`);
    for (const engine of ENGINES) {
      sets[engine].push(await runSet(engine));
      for (const [i, metric] of TILES.entries()) tiles[engine][i]?.push(await runTile(engine, metric));
    }
  }

  log(`live appends: ${LIVE_BATCHES} batches of ${LIVE_BATCH} events per engine`);
  const liveLoad = load1();
  const batches = Array.from({ length: LIVE_BATCHES }, (_, b) => liveRows(b, Date.now()));
  const live: Record<Engine, number[]> = { duckdb: [], clickhouse: [] };
  const liveStored = {} as Record<Engine, number>;
  for (const engine of ENGINES) {
    for (const rows of batches) {
      const t = performance.now();
      await store(engine).appendLiveEvents(rows, Date.now());
      live[engine].push(performance.now() - t);
    }
    liveStored[engine] = (await store(engine).count('events')) - loads[engine].events;
  }

  const loadRow = (engine: Engine) => {
    const f = loads[engine];
    const inEngine = f.insertMs + f.sessionsMs;
    return `| ${engine === 'duckdb' ? 'DuckDB (file)' : 'ClickHouse 18.16 (one server)'} | ${s(f.insertMs)} | ${n(f.rows / (f.insertMs / 1000))} | ${s(f.sessionsMs)} | ${n(f.events / (inEngine / 1000))} | ${s(f.wallMs)} | ${f.load} |`;
  };
  const inEngine = (engine: Engine) => loads[engine].insertMs + loads[engine].sessionsMs;
  const liveRate = (engine: Engine) => (LIVE_BATCH * LIVE_BATCHES) / (live[engine].reduce((a, b) => a + b, 0) / 1000);
  const tileRows = TILES.map((metric, i) => {
    const d = percentile(tiles.duckdb[i] ?? [], 0.5);
    const c = percentile(tiles.clickhouse[i] ?? [], 0.5);
    return `| ${metric} | ${ms(d)} | ${ms(c)} | ${ratio(c, d)} |`;
  });
  const d = loads.duckdb;

  writeSection(
    `ClickHouse vs DuckDB (demo scale ${scale})`,
    `npx tsx bench/clickhouse.ts ${scale}`,
    `The demo company (seed 1, the same \`today\`) loaded into a DuckDB file and into one clickhouse-server (Debian's 18.16, started by the test harness on loopback ports, \`NORTHSTAR_CLICKHOUSE_URL\` store with \`max_memory_usage\` 10 GB on the URL), then the overview query set and live appends on both. Everything ran in one process on the same 2 cores, the engines one after the other (queries taking turns run by run); other work shared the machine, so the 1-minute load average is given per phase and the ratios are the figures to read. ${n(d.events)} events, ${n(d.sessions)} sessions, ${n(d.rows)} input rows of every kind.

**Load** (the demo generator writes rows in batches of 122,880 through \`Store.insertRows\`, then rebuilds sessions with \`refreshSessions\`; generation time is the wall time minus the store's):

| engine | row inserts | input rows/s | session rebuild | events/s into the engine (inserts + sessions) | wall incl. generation | load avg |
|---|---|---|---|---|---|---|
${loadRow('duckdb')}
${loadRow('clickhouse')}
| ClickHouse / DuckDB (time) | ${ratio(loads.clickhouse.insertMs, d.insertMs)} | | ${ratio(loads.clickhouse.sessionsMs, d.sessionsMs)} | ${ratio(inEngine('clickhouse'), inEngine('duckdb'))} | ${ratio(loads.clickhouse.wallMs, d.wallMs)} | |

ClickHouse held ${n(Number(parts?.n ?? 0))} active parts of events after waiting ${s(settleMs)} for background merges.

**Overview query set** (${TILES.join(', ')}; each a monthly series over ${from} – ${to} with the previous period, through \`runQuery\`: plan, compile for the engine's dialect, run, shape). Whole set = all 10 tiles at once, as the dashboard asks; ${RUNS} runs after ${WARMUPS} warm-ups; load avg at the start ${queryLoad}. Tiles with the same values on both engines: ${sameTiles} of ${TILES.length}.

| engine | whole set p50 | whole set p95 |
|---|---|---|
| DuckDB | ${ms(percentile(sets.duckdb, 0.5))} | ${ms(percentile(sets.duckdb, 0.95))} |
| ClickHouse | ${ms(percentile(sets.clickhouse, 0.5))} | ${ms(percentile(sets.clickhouse, 0.95))} |
| ClickHouse / DuckDB | ${ratio(percentile(sets.clickhouse, 0.5), percentile(sets.duckdb, 0.5))} | ${ratio(percentile(sets.clickhouse, 0.95), percentile(sets.duckdb, 0.95))} |

Per tile, one at a time, p50:

| tile | DuckDB | ClickHouse | ClickHouse / DuckDB |
|---|---|---|---|
${tileRows.join('\n')}

**Live appends** (\`Store.appendLiveEvents\`, the step the ingest loader commits with: events plus the id log for retry dedup, identities for the 1 % identify events), ${LIVE_BATCHES} batches of ${n(LIVE_BATCH)} enriched events each, one at a time, on top of the loaded company; load avg at the start ${liveLoad}. Stored: DuckDB ${n(liveStored.duckdb)}, ClickHouse ${n(liveStored.clickhouse)} of ${n(LIVE_BATCH * LIVE_BATCHES)}.

| engine | events/s | batch p50 | batch p95 |
|---|---|---|---|
| DuckDB | ${n(liveRate('duckdb'))} | ${ms(percentile(live.duckdb, 0.5))} | ${ms(percentile(live.duckdb, 0.95))} |
| ClickHouse | ${n(liveRate('clickhouse'))} | ${ms(percentile(live.clickhouse, 0.5))} | ${ms(percentile(live.clickhouse, 0.95))} |
| ClickHouse / DuckDB (rate) | ${ratio(liveRate('clickhouse'), liveRate('duckdb'))} | | |`,
  );
} finally {
  for (const store of stores.values()) await store.close().catch(() => undefined);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
