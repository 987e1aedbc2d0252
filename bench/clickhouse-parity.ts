/**
 * Engine parity at a demo scale: runs packages/server/src/test-harness/engine-parity.test.ts
 * (DuckDB, single ClickHouse and the two-shard cluster, every KPI value and attribution credit)
 * with NORTHSTAR_PARITY_SCALE and writes its outcome, counts and timings to BENCHMARKS.md.
 * Usage: npx tsx bench/clickhouse-parity.ts [scale]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSection } from './lib/report.ts';

interface Summary {
  scale: number;
  tolerance: number;
  loadSeconds: Record<string, number>;
  kpi: { requests: number; values: number; failures: number; seconds: number };
  attribution: { results: number; credits: number; failures: number; seconds: number };
}

const scale = Number(process.argv[2] ?? 1);
const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'northstar-bench-parity-'));
const file = join(dir, 'summary.json');
const started = performance.now();
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '-c',
    'packages/server/src/test-harness/vitest.engines.config.ts',
    'packages/server/src/test-harness/engine-parity.test.ts',
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NORTHSTAR_PARITY_SCALE: String(scale), NORTHSTAR_PARITY_SUMMARY: file } },
);
const seconds = (performance.now() - started) / 1000;
const summary = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Summary) : undefined;
rmSync(dir, { recursive: true, force: true });
if (!summary) throw new Error(`the parity test wrote no summary (exit ${run.status}): is clickhouse-server installed?`);

const n = (v: number) => Math.round(v).toLocaleString('en-US');
const outcome = run.status === 0 ? 'pass' : 'FAIL';
const loads = Object.entries(summary.loadSeconds)
  .map(([engine, s]) => `${engine} ${s.toFixed(0)} s`)
  .join(', ');
writeSection(
  `Engine parity (demo scale ${scale})`,
  `npx tsx bench/clickhouse-parity.ts ${scale}`,
  `The parity test on the demo company at scale ${scale}: DuckDB, one clickhouse-server and a two-shard cluster (Debian's 18.16), each ClickHouse result compared with DuckDB's. Numbers agree when within ${summary.tolerance} relative (or absolute near zero), everything else exactly.

| figure | value |
|---|---|
| outcome | ${outcome} |
| KPI queries (every catalog metric: series by month and over all, tables) | ${n(summary.kpi.requests)}, ${n(summary.kpi.values)} values compared, ${summary.kpi.failures} differing |
| attribution results (every model × lead, customer, revenue × channel, content) | ${n(summary.attribution.results)}, ${n(summary.attribution.credits)} values compared, ${summary.attribution.failures} differing |
| demo load per engine | ${loads} |
| KPI comparison | ${summary.kpi.seconds.toFixed(0)} s |
| attribution comparison | ${summary.attribution.seconds.toFixed(0)} s |
| whole run (servers started and stopped) | ${seconds.toFixed(0)} s |`,
);
process.exitCode = run.status ?? 1;
