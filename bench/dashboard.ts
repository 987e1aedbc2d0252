/**
 * Dashboard time-to-interactive: each page of the built dashboard on the demo company, warm, in
 * Debian's chromium. A page counts as interactive when every tile has its figures and every list,
 * insight and goal has loaded (no skeleton, nothing marked busy), timed from navigation start.
 * Usage: npx tsx bench/dashboard.ts [scale] [runs]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../e2e/dashboard-browser.ts';
import { ensureWebBuild } from '../e2e/dashboard-build.ts';
import { startDashboardServer } from '../e2e/dashboard-server.ts';
import { writeSection } from './lib/report.ts';

const scale = Number(process.argv[2] ?? 1);
const runs = Number(process.argv[3] ?? 5);
const PAGES = [
  'overview',
  'acquisition',
  'conversion',
  'funnel',
  'revenue',
  'attribution',
  'social',
  'customers',
  'events',
  'seo',
  'experiments',
  'goals',
  'alerts',
  'reports',
  'dashboards',
];
const TARGET_MS = 1000;

ensureWebBuild();
const dir = mkdtempSync(join(tmpdir(), 'northstar-bench-dashboard-'));
const loadStarted = performance.now();
const server = await startDashboardServer({ scale, dataDir: dir });
const loadSeconds = (performance.now() - loadStarted) / 1000;
const session = await launchBrowser();
const page = await session.context.newPage();

/**
 * True once the page has drawn what it shows: the app has mounted its page, no element (tile,
 * list, the overview's insights, a KPI card's goal) is marked busy, no tile is loading.
 * A function, not a string: the app's CSP forbids eval.
 */
function pageSettled(): boolean {
  if (!document.querySelector('main [data-page]') || document.querySelector('.boot')) return false;
  if (document.querySelector('[aria-busy="true"]')) return false;
  return [...document.querySelectorAll('.tile[data-state]')].every((el) => el.getAttribute('data-state') !== 'loading');
}

interface Visit {
  interactive: number;
  /** When the last API answer arrived, and how many requests the page made. */
  apiDone: number;
  requests: number;
}

const API_TIMES = `(() => {
  const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/'));
  return [Math.max(0, ...api.map((e) => e.responseEnd)), api.length];
})()`;

async function visit(path: string): Promise<Visit> {
  await page.goto(`${server.url}${path}`);
  await page.waitForFunction(pageSettled, undefined, { timeout: 120_000 });
  const interactive = Number(await page.evaluate('performance.now()'));
  const [apiDone, requests] = (await page.evaluate(API_TIMES)) as [number, number];
  return { interactive, apiDone, requests };
}

const rows: string[] = [];
let worst = 0;
for (const name of PAGES) {
  // Warm: the server's result cache (kept while the data is unchanged), the browser cache. The
  // first visit is reported beside the warm ones: its queries mostly run on the engine.
  const first = await visit(`/${name}`);
  const visits: Visit[] = [];
  for (let i = 0; i < runs; i++) visits.push(await visit(`/${name}`));
  visits.sort((a, b) => a.interactive - b.interactive);
  const middle = visits[Math.floor(visits.length / 2)] ?? { interactive: 0, apiDone: 0, requests: 0 };
  const median = middle.interactive;
  const max = visits[visits.length - 1]?.interactive ?? 0;
  worst = Math.max(worst, median);
  rows.push(
    `| /${name} | ${median.toFixed(0)} | ${max.toFixed(0)} | ${middle.apiDone.toFixed(0)} | ${middle.requests} | ${first.interactive.toFixed(0)} | ${median <= TARGET_MS ? 'yes' : 'no'} |`,
  );
  process.stdout.write(
    `/${name}: median ${median.toFixed(0)} ms (API done at ${middle.apiDone.toFixed(0)} ms), max ${max.toFixed(0)} ms, first visit ${first.interactive.toFixed(0)} ms\n`,
  );
}
await session.close();
await server.close();
rmSync(dir, { recursive: true, force: true });

writeSection(
  `Dashboard time to interactive (scale ${scale})`,
  `npx tsx bench/dashboard.ts ${scale} ${runs}`,
  `Each page of the built dashboard in headless chromium against \`northstar serve\` on the demo company
(scale ${scale}, loaded in ${loadSeconds.toFixed(0)} s), warm (one visit first), ${runs} visits each. Time from
navigation start until every tile shows its figures; "API done" is when the last API answer of
that visit arrived (the rest is loading the app and drawing). Warm visits are answered from the
server's query result cache, kept while the data is unchanged; "first visit" is the visit before
them, whose queries mostly ran on DuckDB (other pages visited before may have cached a few).
Target: <= ${TARGET_MS} ms a page, warm.

| page | median ms | max ms | API done (median visit) ms | API requests | first visit ms | within ${TARGET_MS} ms |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Slowest page median: ${worst.toFixed(0)} ms.`,
);
