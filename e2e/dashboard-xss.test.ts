/**
 * What visitors send is shown as text: referrers, UTM values, page titles, event names and NPS
 * comments holding HTML/script payloads, on the pages that show them (with chart tooltips opened),
 * in Debian's chromium. Nothing runs: `window.__xss` stays undefined and no element is injected.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, collectErrors, hasChromium, launchBrowser, screenshot, waitForTiles } from './dashboard-browser.ts';
import { ensureWebBuild } from './dashboard-build.ts';
import { lastDays, utcDay } from './dashboard-dates.ts';
import { type DashboardServer, startDashboardServer } from './dashboard-server.ts';

const run = hasChromium() || process.env.CI === 'true';
const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '"><script>window.__xss=1</script>';

let server: DashboardServer;
let session: BrowserSession;

function payloadEvents(): Array<Record<string, unknown>> {
  const events: Array<Record<string, unknown>> = [];
  for (let i = 0; i < 40; i++) {
    const payload = i % 2 === 0 ? IMG : SCRIPT;
    const at = `${utcDay(-1 - (i % 5))}T10:${String(i).padStart(2, '0')}:00Z`;
    const visitor = `xss-visitor-${i}`;
    events.push({
      event_id: `xss-pv-${i}`,
      timestamp: at,
      type: 'pageview',
      visitor_id: visitor,
      url: `https://www.example.com/landing?q=${encodeURIComponent(payload)}`,
      title: payload,
      referrer: `https://referrer.example/${encodeURIComponent(payload)}`,
      utm_source: payload,
      utm_medium: 'referral',
      utm_campaign: payload,
      utm_content: payload,
      device: 'desktop',
    });
    events.push({ event_id: `xss-goal-${i}`, timestamp: at.replace(':00Z', ':30Z'), type: 'goal', name: payload, visitor_id: visitor });
  }
  return events;
}

function payloadResponses(): Array<Record<string, unknown>> {
  return [IMG, SCRIPT].map((comment, i) => ({
    response_id: `xss-nps-${i}`,
    timestamp: `${utcDay(0)}T00:0${i}:00Z`,
    score: 2 + i,
    comment,
  }));
}

async function importRows(kind: string, rows: Array<Record<string, unknown>>): Promise<void> {
  const response = await fetch(`${server.url}/api/v1/import/${kind}?strict=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rows),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Moves the mouse over every chart so that each tooltip (HTML) is rendered at least once. */
async function hoverCharts(page: Page): Promise<void> {
  for (const chart of await page.locator('.tile canvas').all()) {
    const box = await chart.boundingBox();
    if (!box) continue;
    for (const fx of [0.15, 0.35, 0.5, 0.65, 0.85]) {
      for (const fy of [0.2, 0.5, 0.8]) await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
    }
  }
}

function injected(): { xss: unknown; images: number; scripts: number } {
  return {
    xss: (window as unknown as { __xss?: unknown }).__xss,
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.scripts].filter((s) => s.textContent?.includes('__xss')).length,
  };
}

describe.runIf(run)('visitor data in the dashboard (chromium)', () => {
  beforeAll(async () => {
    ensureWebBuild();
    server = await startDashboardServer({ scale: 0.02 });
    await importRows('events', payloadEvents());
    await importRows('nps', payloadResponses());
    session = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('has the payloads in the data the pages show', async () => {
    const range = lastDays(30);
    const sources = await server.query({ metrics: ['sessions'], by: ['source'], from: range.from, to: range.to, grain: 'all' });
    expect(sources.rows.map((r) => r.source)).toEqual(expect.arrayContaining([IMG, SCRIPT]));
    const comments = await server.query({ metrics: ['nps_comments'], from: range.from, to: range.to });
    expect(comments.rows.slice(0, 2).map((r) => r.comment)).toEqual([SCRIPT, IMG]);
  });

  it.each(['acquisition', 'conversion', 'customers'])(
    'renders them as text on /%s',
    async (route) => {
      const page = await session.context.newPage();
      const errors = collectErrors(page);
      await page.goto(`${server.url}/${route}`);
      await waitForTiles(page);
      await hoverCharts(page);
      if (route === 'customers') {
        const cells = await page.getByTestId('tile-nps-comments').locator('td[data-column="comment"]').allTextContents();
        expect(cells.slice(0, 2)).toEqual([SCRIPT, IMG]);
      }
      await screenshot(page, `xss-${route}`);
      expect(await page.evaluate(injected)).toEqual({ xss: undefined, images: 0, scripts: 0 });
      expect(errors).toEqual([]);
      await page.close();
    },
    90_000,
  );
});
