/**
 * The tracker in a real browser (Debian's chromium through playwright-core): a test site on one
 * origin loads t.js from a Northstar server on another, and the events it sends are checked in the
 * store — pageviews (SPA navigation included), scroll, forms, outbound, goal, experiment and
 * identify, with the right channel, device and one session.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from '../packages/server/src/chromium.ts';
import { buildApp } from '../packages/server/src/http/app.ts';
import { DuckDbStore } from '../packages/server/src/store/duckdb/duckdb-store.ts';
import { buildTracker } from '../packages/tracker/build.ts';

const CHROMIUM = chromiumPath();
const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

let store: DuckDbStore;
let northstar: FastifyInstance;
let site: Server;
let context: BrowserContext;
let profile: string;
let collectorUrl = '';
let siteUrl = '';

function page(title: string, body: string, attributes = 'data-site="acme"'): string {
  return `<!doctype html><html><head><title>${title}</title>
<script defer ${attributes} src="${collectorUrl}/t.js"></script></head>
<body>${body}</body></html>`;
}

const LANDING = `
<h1>Spring offer</h1>
<section data-experiment="hero" data-variant="B">Hero B</section>
<button id="buy" onclick="northstar.goal('signup', { value: 49, currency: 'EUR' })">Buy</button>
<div style="height: 3000px">tall content</div>
<form id="signup" method="post" action="/thanks">
  <input name="email" type="email"><input name="company" value="Secret Corp"><button>Send</button>
</form>`;

const THANKS = `
<h1>Thanks</h1>
<a id="next" href="#" onclick="history.pushState({}, '', '/thanks/next'); return false">next</a>
<a id="out" href="https://partner.example/offer">partner</a>`;

function startSite(): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    request.resume();
    response.setHeader('content-type', 'text/html');
    if (path === '/landing') response.end(page('Spring offer', LANDING));
    else if (path === '/thanks') response.end(page('Thanks', THANKS));
    else if (path === '/dnt') response.end(page('DNT', '<p>no tracking</p>', 'data-site="dnt"'));
    else if (path === '/consent') response.end(page('Consent', '<p>consent first</p>', 'data-site="consent" data-consent="required"'));
    else response.end(page('Other', '<p>other</p>'));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function portOf(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (CI installs it through APT_PACKAGES in .ci/run)`,
    );
  }
  await buildTracker();
  store = await DuckDbStore.open({ path: ':memory:' });
  northstar = await buildApp({ store, webRoot: '/nonexistent', ingest: { sessionRefreshMs: 200 } });
  await northstar.listen({ port: 0, host: '127.0.0.1' });
  collectorUrl = `http://127.0.0.1:${portOf(northstar.server)}`;
  site = await startSite();
  // A different origin than the collector, as on a real site: the tracker's requests are cross-origin.
  siteUrl = `http://localhost:${portOf(site)}`;
  profile = mkdtempSync(join(tmpdir(), 'northstar-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      // Beacons sent while a page unloads leave from the browser process, past the per-page user agent
      // override: the browser-wide one must be a phone's too (Chromium's own says HeadlessChrome, a bot).
      `--user-agent=${ANDROID_UA}`,
    ],
    userAgent: ANDROID_UA,
    viewport: { width: 412, height: 800 },
  });
  await context.route('https://partner.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<p>partner</p>' }));
}, 120_000);

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => site?.close(resolve));
  await northstar?.close();
  await store?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

type Row = Record<string, unknown>;
const eventsOf = (siteId: string) =>
  store.query(
    `SELECT type, name, path, channel, device, session_id, visitor_id, scroll_percent, value, currency, experiment, variant, contact_id, url, title
     FROM events WHERE site = $1 ORDER BY "timestamp", event_id`,
    [siteId],
  );

describe('tracker in chromium', () => {
  it('records a visit: pageviews, SPA navigation, scroll, forms, goal, experiment, identify and outbound', async () => {
    const tab = await context.newPage();
    await tab.goto(`${siteUrl}/landing?utm_source=newsletter&utm_medium=email&utm_campaign=spring`, { referer: 'https://mail.example/' });
    await waitFor(
      () => eventsOf('acme'),
      (rows) => rows.some((r) => r.type === 'custom'),
      'pageview and exposure',
    );
    await tab.click('#buy');
    // Page scripts are strings: this file is type-checked without the DOM library.
    await tab.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    await waitFor(
      () => eventsOf('acme'),
      (rows) => rows.some((r) => r.type === 'form_view'),
      'form view',
    );
    await tab.fill('input[name=email]', ' Anna@Example.com ');
    await Promise.all([tab.waitForURL('**/thanks'), tab.click('form button')]);
    await tab.click('#next');
    await Promise.all([tab.waitForURL('https://partner.example/**'), tab.click('#out')]);

    const rows = await waitFor(
      () => eventsOf('acme'),
      (r) =>
        ['identify', 'outbound', 'scroll'].every((type) => r.some((e) => e.type === type)) &&
        r.filter((e) => e.type === 'pageview').length === 3,
      'all events',
    );
    const byType = (type: string) => rows.filter((r) => r.type === type);
    expect(byType('pageview').map((r) => r.path)).toEqual(['/landing', '/thanks', '/thanks/next']);
    expect(byType('pageview')[0]).toMatchObject({ channel: 'Email', title: 'Spring offer' });
    expect(byType('goal')).toMatchObject([{ name: 'signup', value: 49, currency: 'EUR', path: '/landing' }]);
    expect(byType('custom')).toMatchObject([{ name: 'experiment_exposure', experiment: 'hero', variant: 'B' }]);
    expect(byType('form_view')).toMatchObject([{ name: 'signup', path: '/landing' }]);
    expect(byType('form_submit')).toMatchObject([{ name: 'signup', path: '/landing' }]);
    // One scroll event per page left: the landing page was scrolled to the end; the short pages fit the screen.
    expect(byType('scroll').filter((r) => r.path === '/landing')).toMatchObject([{ scroll_percent: 100 }]);
    expect(new Set(byType('scroll').map((r) => r.path)).size).toBe(byType('scroll').length);
    expect(byType('outbound')).toMatchObject([{ name: 'https://partner.example/offer', path: '/thanks/next' }]);
    const emailHash = createHash('sha256').update('anna@example.com').digest('hex');
    expect(byType('identify')).toMatchObject([{ contact_id: `sha256:${emailHash}` }]);

    // One visitor, one session, on a phone; nothing of the form but the hashed email left the page.
    expect(new Set(rows.map((r) => r.visitor_id)).size).toBe(1);
    expect(new Set(rows.map((r) => r.session_id)).size).toBe(1);
    expect(rows.every((r) => r.device === 'mobile')).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/anna@|Secret Corp/i);

    const sessions = await waitFor(
      () => store.query('SELECT channel, device, landing_page, pageviews, converted, contact_id FROM sessions WHERE site = $1', ['acme']),
      (s: Row[]) => s.length === 1 && s[0]?.pageviews === 3,
      'the session',
    );
    expect(sessions).toEqual([
      { channel: 'Email', device: 'mobile', landing_page: '/landing', pageviews: 3, converted: true, contact_id: `sha256:${emailHash}` },
    ]);
    await tab.close();
  });

  it('sends nothing under Do Not Track', async () => {
    const tab = await context.newPage();
    await tab.addInitScript("Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' })");
    await tab.goto(`${siteUrl}/dnt`);
    await tab.evaluate("northstar.goal('x')");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await eventsOf('dnt')).toEqual([]);
    await tab.close();
  });

  it('with data-consent="required" waits for northstar.consent(true)', async () => {
    const tab = await context.newPage();
    await tab.goto(`${siteUrl}/consent`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await eventsOf('consent')).toEqual([]);
    await tab.evaluate('northstar.consent(true)');
    const rows = await waitFor(
      () => eventsOf('consent'),
      (r) => r.length > 0,
      'the pageview after consent',
    );
    expect(rows).toMatchObject([{ type: 'pageview', path: '/consent', channel: 'Direct' }]);
    await tab.close();
  });
});
