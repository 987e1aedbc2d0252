/**
 * Everything a visitor sent (UTM values, page paths, event names, page titles, NPS comments)
 * renders as text in the report HTML that PDFs and emails are made from.
 */
import { DEFAULT_CATALOG } from '@northstar/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { buildReport } from './build-report.ts';
import type { DashboardData } from './dashboard-data.ts';
import { renderReportHtml } from './report-html.ts';

const XSS = {
  utmSource: '<script>alert("utm_source")</script>',
  utmCampaign: '"><img src=x onerror=alert("utm_campaign")>',
  path: '/<svg onload=alert("path")>',
  title: '</title><script>alert("title")</script>',
  eventName: '<iframe src="javascript:alert(`event`)">',
  comment: "<a href='javascript:alert(1)'>nps</a>",
};
const RAW_MARKUP = /<script>alert|<img src=x|<svg onload|<iframe|<a href='javascript/;

function assertInert(html: string): void {
  expect(html).not.toMatch(RAW_MARKUP);
  expect(html).not.toMatch(/<script/i);
  // An event-handler attribute inside a real tag (escaped text has no real "<").
  expect(html).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
}

describe('visitor text in reports', () => {
  const T0 = Date.UTC(2026, 2, 10, 12, 0);
  let store: DuckDbStore;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    store = await DuckDbStore.open({ path: ':memory:' });
    app = await buildApp({
      store,
      webRoot: '/nonexistent',
      rateLimits: false,
      ingest: { commitIntervalMs: 2, sessionRefreshMs: 20, now: () => T0 },
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('escapes UTM values and paths collected by the tracker', async () => {
    const url = `https://acme.example${XSS.path}?utm_source=${encodeURIComponent(XSS.utmSource)}&utm_medium=cpc&utm_campaign=${encodeURIComponent(XSS.utmCampaign)}`;
    const sent = await app.inject({
      method: 'POST',
      url: '/api/v1/collect',
      headers: { 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0' },
      payload: JSON.stringify({
        site: 'acme',
        events: [
          { id: 'xss-1-abcdef', type: 'pageview', url, title: XSS.title, referrer: 'https://evil.example/?q=<script>' },
          { id: 'xss-2-abcdef', type: 'custom', name: XSS.eventName, url },
        ],
      }),
    });
    expect(sent.statusCode).toBe(200);
    for (let i = 0; i < 100 && (await store.count('events')) < 2; i++) await new Promise((r) => setTimeout(r, 20));
    await store.refreshSessions();
    const [stored] = await store.query('SELECT utm_source, path FROM events ORDER BY event_id LIMIT 1');
    expect(stored?.utm_source).toBe(XSS.utmSource);

    const tile = (id: string, by: string, y: number) => ({
      id,
      metric: 'sessions',
      viz: 'table',
      by: [by],
      layout: { x: 0, y, w: 12, h: 4 },
    });
    const dashboard = await app.inject({
      method: 'POST',
      url: '/api/v1/dashboards',
      payload: {
        name: 'Traffic <b>now</b>',
        tiles: [tile('a', 'source', 0), tile('b', 'campaign', 4), tile('c', 'landing_page', 8), { ...tile('d', 'source', 12), viz: 'bar' }],
      },
    });
    const report = await buildReport(store, dashboard.json().id, { from: '2026-03-01', to: '2026-04-01' });
    expect(report.data.tiles.every((t) => t.rows.length > 0 && !t.error)).toBe(true);
    assertInert(report.html);
    expect(report.html).toContain('&lt;script&gt;alert(&quot;utm_source&quot;)&lt;/script&gt;');
    expect(report.html).toContain('&quot;&gt;&lt;img src=x onerror=alert(&quot;utm_campaign&quot;)&gt;');
    expect(report.html).toContain('Traffic &lt;b&gt;now&lt;/b&gt;');
  });

  it('escapes event names, titles and NPS comments wherever they appear as labels or values', () => {
    const rows = Object.values(XSS).map((text, i) => ({ label: text, sessions: i + 1 }));
    const data: DashboardData = {
      id: 'd',
      name: XSS.title,
      from: '2026-03-01',
      to: '2026-04-01',
      tiles: (['table', 'bar'] as const).map((viz, i) => ({
        tile: { id: `t${i}`, title: XSS.comment, metric: 'sessions', viz, by: ['label'], filters: [], layout: { x: 0, y: i, w: 12, h: 4 } },
        title: XSS.comment,
        metric: DEFAULT_CATALOG.metrics.get('sessions'),
        request: { metrics: ['sessions'], dimensions: ['label'] },
        rows,
        error: i === 1 ? XSS.eventName : undefined,
      })) as DashboardData['tiles'],
    };
    const html = renderReportHtml(data, { workspace: XSS.eventName, currency: 'USD', catalog: DEFAULT_CATALOG, generatedAt: new Date(0) });
    assertInert(html);
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;');
    expect(html).toContain('&lt;a href=&#39;javascript:alert(1)&#39;&gt;nps&lt;/a&gt;');
  });
});
