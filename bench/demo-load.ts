/**
 * Demo load: time to generate and store the demo company at a scale, into a fresh DuckDB file.
 * Usage: npx tsx bench/demo-load.ts [scale]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INPUT_KINDS, type TableName } from '@northstar/core';
import { generateDemo } from '../packages/server/src/demo/generate-demo.ts';
import { DuckDbStore } from '../packages/server/src/store/duckdb/duckdb-store.ts';
import { writeSection } from './lib/report.ts';

const scale = Number(process.argv[2] ?? 1);
const dir = mkdtempSync(join(tmpdir(), 'northstar-bench-'));
const path = join(dir, 'northstar.duckdb');
const store = await DuckDbStore.open({ path });
const started = performance.now();
await generateDemo(store, { scale, seed: 1 });
const seconds = (performance.now() - started) / 1000;
const tables: TableName[] = ['events', 'sessions', 'identities', ...INPUT_KINDS.filter((kind) => kind !== 'events')];
const counts: string[] = [];
for (const table of tables) counts.push(`| ${table} | ${(await store.count(table)).toLocaleString('en-US')} |`);
await store.close();
const size = statSync(path).size / 1024 ** 2;
rmSync(dir, { recursive: true, force: true });
const events = Number((counts[0] ?? '').split('|')[2]?.replace(/,/g, ''));
writeSection(
  `Demo load (scale ${scale})`,
  `npx tsx bench/demo-load.ts ${scale}`,
  `Generating and storing the demo company, including session rebuild, into a new DuckDB file.

| figure | value |
|---|---|
| wall time | ${seconds.toFixed(1)} s |
| events per second | ${Math.round(events / seconds).toLocaleString('en-US')} |
| database file | ${size.toFixed(0)} MiB |

| table | rows |
|---|---|
${counts.join('\n')}`,
);
