/**
 * Ingest throughput and latency: autocannon against the real server (`northstar serve` in a child
 * process, a file data directory) and, in the same run, against a no-op node:http server that reads
 * the body and answers `{}`. Scenarios: single-event tracker requests (POST /api/v1/collect), 50-event
 * batches (POST /api/v1/events), and single events at 70 % of the measured maximum rate for p99,
 * during which a probe measures event to queryable (lib/visibility-probe.ts). Besides rates, each
 * scenario reports the server process's CPU time a request, which other load on the machine skews
 * less than requests/s.
 * Usage: npx tsx bench/ingest.ts [seconds per scenario]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openStore } from '../packages/server/src/data-dir.ts';
import { freePort, runCli, startServer } from '../packages/server/src/ingest/test-server.ts';
import { writeSection } from './lib/report.ts';
import { probeVisibility, type VisibilityFigures } from './lib/visibility-probe.ts';

const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = 128;
const BATCH = 50;
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

interface Figures {
  requests: number;
  ok: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  rssMiB: number;
  /** CPU time of the server process (all its threads) per request answered, any status. */
  cpuUsPerRequest: number;
}

const NOOP_SOURCE = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{}'); });
});
server.listen(Number(process.argv[1]), '127.0.0.1', () => process.stdout.write('ready\\n'));
`;

async function startNoop(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', NOOP_SOURCE, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  return { url: `http://127.0.0.1:${port}`, child };
}

/** User + system CPU time of a process, in µs (clock ticks of 10 ms). */
function cpuUs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

function peakRssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

let counter = 0;
const nowIso = () => new Date().toISOString();

function collectBody(): string {
  const id = `b${process.pid}x${++counter}`;
  return JSON.stringify({
    site: 'bench',
    events: [
      {
        id,
        type: 'pageview',
        url: `https://shop.example/p/${counter % 500}?utm_source=google&utm_medium=cpc`,
        referrer: 'https://www.google.com/',
      },
    ],
  });
}

function batchBody(): string {
  const timestamp = nowIso();
  const base = ++counter;
  const events = Array.from({ length: BATCH }, (_, i) => ({
    event_id: `s${process.pid}x${base}x${i}`,
    timestamp,
    type: i % 10 === 0 ? 'pageview' : 'custom',
    name: 'tick',
    visitor_id: `v${base % 5000}`,
    url: `https://shop.example/p/${i}?utm_source=newsletter&utm_medium=email`,
    user_agent: UA,
  }));
  return JSON.stringify({ events });
}

async function run(
  url: string,
  path: string,
  body: () => string,
  headers: Record<string, string>,
  pid: number | undefined,
  rate?: number,
): Promise<Figures> {
  const cpuBefore = cpuUs(pid);
  const result = await autocannon({
    url: `${url}${path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    ...(rate ? { overallRate: rate } : {}),
    requests: [{ method: 'POST', headers: { 'user-agent': UA, ...headers }, setupRequest: (request) => ({ ...request, body: body() }) }],
  });
  const ok = result['2xx'];
  return {
    requests: result.requests.total,
    ok,
    errors: result.non2xx + result.errors + result.timeouts,
    rps: ok / SECONDS,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rssMiB: peakRssMiB(pid),
    cpuUsPerRequest: (cpuUs(pid) - cpuBefore) / Math.max(1, result.requests.total),
  };
}

/** Waits until the server has loaded everything it logged (GET /api/v1/ingest/stats). */
async function settle(url: string, headers: Record<string, string>): Promise<void> {
  for (const end = Date.now() + 60_000; Date.now() < end; ) {
    const stats = (await (await fetch(`${url}/api/v1/ingest/stats`, { headers })).json()) as { writer?: { backlogBytes?: number } };
    if ((stats.writer?.backlogBytes ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'northstar-bench-ingest-'));
const data = join(dir, 'data');
const key = (await runCli(data, 'keys', 'create', '--scope', 'ingest')).trim();
const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
// The probe reads through POST /api/v1/query: an ingest key may not.
const readKey = (await runCli(data, 'keys', 'create', '--scope', 'read')).trim();
const plain = { 'content-type': 'text/plain' };

const noop = await startNoop();
const server = await startServer(data);
const results: Record<string, Figures> = {};
let visibility: VisibilityFigures | undefined;
try {
  process.stdout.write(`scenarios of ${SECONDS} s, ${CONNECTIONS} connections\n`);
  results.noopSingle = await run(noop.url, '/api/v1/collect', collectBody, plain, noop.child.pid);
  results.single = await run(server.url, '/api/v1/collect', collectBody, plain, server.child.pid);
  results.noopBatch = await run(noop.url, '/api/v1/events', batchBody, auth, noop.child.pid);
  results.batch = await run(server.url, '/api/v1/events', batchBody, auth, server.child.pid);
  const rate = Math.max(1, Math.round(Math.min(results.single.rps, 30_000) * 0.7));
  // The batch scenario ends with the loader behind: the paced one starts from an idle server.
  await settle(server.url, auth);
  [results.paced, visibility] = await Promise.all([
    run(server.url, '/api/v1/collect', collectBody, plain, server.child.pid, rate),
    probeVisibility(server.url, (SECONDS - 1) * 1000, 250, UA, { authorization: `Bearer ${readKey}` }),
  ]);
  process.stdout.write(`visibility: ${JSON.stringify(visibility)}\n`);
  for (const [name, f] of Object.entries(results)) process.stdout.write(`${name}: ${JSON.stringify(f)}\n`);
} finally {
  await server.stop();
  noop.child.kill();
}

// Every acknowledged event must be in the store (2xx means committed).
const store = await openStore(data);
const stored = Number((await store.query("SELECT count(*) AS n FROM events WHERE site NOT LIKE 'probe-%'"))[0]?.n ?? 0);
await store.close();
rmSync(dir, { recursive: true, force: true });

const r = results as Record<'noopSingle' | 'single' | 'noopBatch' | 'batch' | 'paced', Figures>;
const acknowledged = r.single.ok + r.batch.ok * BATCH + r.paced.ok;
const ms = (v: number) => `${v.toFixed(1)} ms`;
const us = (v: number) => `${Math.round(v).toLocaleString('en-US')} µs`;
const n = (v: number) => Math.round(v).toLocaleString('en-US');
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)} ×` : '—');
const check = (ok: boolean) => (ok ? 'met' : 'not met');
const pacedRate = Math.round(Math.min(r.single.rps, 30_000) * 0.7);
const v = visibility as VisibilityFigures;

writeSection(
  'Ingest (live collection)',
  `npx tsx bench/ingest.ts ${SECONDS}`,
  `autocannon (${CONNECTIONS} connections, ${SECONDS} s a scenario) in the bench process; the server (\`northstar serve\`, DuckDB file, group commit) and a no-op node:http server each in their own process, one after the other on the same 2 cores. Events/s counts only 2xx answers; every request carries distinct event ids. The paced run starts once the server has loaded the backlog the batch run left. After the run the store held ${n(stored)} events for ${n(acknowledged)} acknowledged (${stored >= acknowledged ? 'none lost' : 'MISSING EVENTS'}).

| scenario | server | requests/s (2xx) | events/s | p50 | p99 | non-2xx + errors | server CPU a request | peak RSS |
|---|---|---|---|---|---|---|---|---|
| single event, POST /api/v1/collect | no-op | ${n(r.noopSingle.rps)} | ${n(r.noopSingle.rps)} | ${ms(r.noopSingle.p50)} | ${ms(r.noopSingle.p99)} | ${r.noopSingle.errors} | ${us(r.noopSingle.cpuUsPerRequest)} | ${r.noopSingle.rssMiB.toFixed(0)} MiB |
| single event, POST /api/v1/collect | Northstar | ${n(r.single.rps)} | ${n(r.single.rps)} | ${ms(r.single.p50)} | ${ms(r.single.p99)} | ${r.single.errors} | ${us(r.single.cpuUsPerRequest)} | ${r.single.rssMiB.toFixed(0)} MiB |
| 50-event batch, POST /api/v1/events | no-op | ${n(r.noopBatch.rps)} | ${n(r.noopBatch.rps * BATCH)} | ${ms(r.noopBatch.p50)} | ${ms(r.noopBatch.p99)} | ${r.noopBatch.errors} | ${us(r.noopBatch.cpuUsPerRequest)} | ${r.noopBatch.rssMiB.toFixed(0)} MiB |
| 50-event batch, POST /api/v1/events | Northstar | ${n(r.batch.rps)} | ${n(r.batch.rps * BATCH)} | ${ms(r.batch.p50)} | ${ms(r.batch.p99)} | ${r.batch.errors} | ${us(r.batch.cpuUsPerRequest)} | ${r.batch.rssMiB.toFixed(0)} MiB |
| single event at ${n(pacedRate)} req/s (70 %) | Northstar | ${n(r.paced.rps)} | ${n(r.paced.rps)} | ${ms(r.paced.p50)} | ${ms(r.paced.p99)} | ${r.paced.errors} | ${us(r.paced.cpuUsPerRequest)} | ${r.paced.rssMiB.toFixed(0)} MiB |

| target | measured | |
|---|---|---|
| batched ≥ 300,000 events/s | ${n(r.batch.rps * BATCH)} events/s | ${check(r.batch.rps * BATCH >= 300_000)} |
| single-event ≥ 30,000 requests/s | ${n(r.single.rps)} requests/s | ${check(r.single.rps >= 30_000)} |
| p99 ≤ 20 ms at 70 % of that rate | ${ms(r.paced.p99)} at ${n(pacedRate)} req/s | ${check(r.paced.p99 <= 20)} |
| event to queryable ≤ 2 s p95 (session and event counted by POST /api/v1/query, from the 2xx) | p95 ${n(v.p95)} ms (p50 ${n(v.p50)} ms, max ${n(v.max)} ms; ${v.probes} probes during the 70 % run, ${v.missing} never seen) | ${check(v.p95 <= 2000 && v.missing === 0)} |
| single ≥ 0.5 × no-op | ${ratio(r.single.rps, r.noopSingle.rps)} | ${check(r.single.rps >= 0.5 * r.noopSingle.rps)} |
| batched ≥ 0.5 × no-op | ${ratio(r.batch.rps, r.noopBatch.rps)} | ${check(r.batch.rps >= 0.5 * r.noopBatch.rps)} |
| peak RSS vs no-op | ${ratio(r.batch.rssMiB, r.noopBatch.rssMiB)} | |
| server CPU a request vs no-op (single; batch) | ${ratio(r.single.cpuUsPerRequest, r.noopSingle.cpuUsPerRequest)}; ${ratio(r.batch.cpuUsPerRequest, r.noopBatch.cpuUsPerRequest)} | |

Server CPU a request is the server process's user + system time (every thread: HTTP, validation, enrichment, log, DuckDB load and its background work) over the requests it answered in the scenario. Other processes on the machine change it less than requests/s (they still inflate it, through shared caches and cores), so on a busy machine compare it, as a ratio to the no-op's, rather than rates.`,
);
