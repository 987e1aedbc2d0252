/**
 * The dashboard in Debian's chromium on the demo company: every route, figures against the API,
 * the global controls, languages (Arabic right-to-left), exports, and a custom dashboard that
 * survives a reload.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, collectErrors, hasChromium, launchBrowser, screenshot, waitForTiles } from './dashboard-browser.ts';
import { ensureWebBuild } from './dashboard-build.ts';
import { lastDays } from './dashboard-dates.ts';
import { type DashboardServer, startDashboardServer } from './dashboard-server.ts';

const ROUTES = [
  '',
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
  'dashboards',
  'goals',
  'reports',
  'alerts',
];
const OVERVIEW_KPIS = [
  'visitors',
  'sessions',
  'conversion_rate',
  'leads',
  'mqls',
  'new_customers',
  'sales_revenue',
  'marketing_spend',
  'cac',
  'ltv_cac_ratio',
];

// Without chromium the suite cannot run; CI installs it (APT_PACKAGES in .ci/run), so there a missing browser fails.
const run = hasChromium() || process.env.CI === 'true';

let server: DashboardServer;
let session: BrowserSession;

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await session.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${server.url}${path}`);
  return { page, errors };
}

/** A settled KPI card's value; a card with no value shows its empty state instead of a figure. */
async function kpiValue(page: Page, id: string): Promise<number | null> {
  if ((await page.getByTestId(`kpi-${id}`).getAttribute('data-state')) === 'empty') return null;
  const text = await page.getByTestId(`kpi-value-${id}`).getAttribute('data-value');
  return text === null || text === '' ? null : Number(text);
}

function expectClose(actual: number | null, expected: unknown): void {
  if (expected === null || expected === undefined) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(Number(expected), 6);
}

describe.runIf(run)('dashboard in chromium', () => {
  beforeAll(async () => {
    ensureWebBuild();
    server = await startDashboardServer({ scale: 0.05 });
    session = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('opens every route with its tiles settled, none failed, and no console errors', async () => {
    for (const route of ROUTES) {
      const { page, errors } = await open(`/${route}`);
      if (route === 'dashboards') await page.getByTestId('create-dashboard').waitFor();
      else if (route === 'alerts') await page.locator('[data-testid="alert-list"][aria-busy="false"]').waitFor({ state: 'attached' });
      else if (route === 'goals') await page.locator('[data-testid="goal-list"][aria-busy="false"]').waitFor({ state: 'attached' });
      else if (route === 'reports') await page.locator('[data-testid="report-list"][aria-busy="false"]').waitFor({ state: 'attached' });
      else await waitForTiles(page);
      const failed = await page
        .locator('.tile[data-state="error"]')
        .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-testid')));
      expect({ route, failed }).toEqual({ route, failed: [] });
      await screenshot(page, `page-${route || 'root'}`);
      expect({ route, errors }).toEqual({ route, errors: [] });
      await page.close();
    }
  }, 180_000);

  it('shows the overview KPIs the API computes for the same query, with their comparison', async () => {
    // 90 days: the small demo (scale 0.05) can close no customer in some 30-day windows, and a
    // figure the card shows is checked more strictly than an empty card.
    const range = lastDays(90);
    const { page, errors } = await open(`/overview?range=custom&start=${range.from}&end=${range.end}`);
    await waitForTiles(page);
    const { rows } = await server.query({ metrics: OVERVIEW_KPIS, from: range.from, to: range.to, grain: 'all', compare: 'previous' });
    const expected = rows[0] ?? {};
    for (const id of OVERVIEW_KPIS) expect({ id, value: typeof expected[id] }).toEqual({ id, value: 'number' });
    for (const id of OVERVIEW_KPIS) expectClose(await kpiValue(page, id), expected[id]);
    const sessions = Number(expected.sessions);
    const previous = Number(expected.sessions_previous);
    await expect(page.getByTestId('kpi-value-sessions').textContent()).resolves.toBe(sessions.toLocaleString('en-US'));
    const change = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
      (sessions - previous) / previous,
    );
    await expect(page.getByTestId('kpi-change-sessions').textContent()).resolves.toContain(change);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows funnel and revenue figures the API computes, and a change vs last year', async () => {
    const range = lastDays(90); // as the overview test: a range with won deals on any day
    const view = `range=custom&start=${range.from}&end=${range.end}`;
    const funnelKpis = ['lead_to_mql_rate', 'opportunity_win_rate', 'sales_cycle_days'];
    const { page, errors } = await open(`/funnel?${view}`);
    await waitForTiles(page);
    const [funnel] = (await server.query({ metrics: funnelKpis, from: range.from, to: range.to, grain: 'all' })).rows;
    for (const id of funnelKpis) expect({ id, value: typeof funnel?.[id] }).toEqual({ id, value: 'number' });
    for (const id of funnelKpis) expectClose(await kpiValue(page, id), funnel?.[id]);

    await page.goto(`${server.url}/revenue?${view}&compare=year`);
    await waitForTiles(page);
    const [revenue] = (
      await server.query({ metrics: ['sales_revenue', 'marketing_spend'], from: range.from, to: range.to, grain: 'all', compare: 'year' })
    ).rows;
    expectClose(await kpiValue(page, 'sales_revenue'), revenue?.sales_revenue);
    // The card's change is against the same days a year earlier, as the API computes them. The demo holds
    // twelve months, so a year before the last 90 days it has no spend: the card must say so, not show a change.
    const [value, previous] = [Number(revenue?.marketing_spend), Number(revenue?.marketing_spend_previous ?? 0)];
    const card = (await page.getByTestId('kpi-change-marketing_spend').textContent())?.trim();
    if (previous > 0) {
      const change = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
        (value - previous) / previous,
      );
      expect(card).toBe(`${change} vs last year`);
    } else {
      expect(card).toBe('no comparison data');
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows conversion rate by goal, names every breakdown, and fits the pages to optimize in their tile', async () => {
    const { page, errors } = await open('/conversion');
    await waitForTiles(page);
    await expect(page.getByTestId('tile-conversion-by-goal').locator('.tile-title').textContent()).resolves.toBe('Conversion rate · Goal');
    await expect(page.getByTestId('tile-mobile-conversion-by-device-model').locator('.tile-title').textContent()).resolves.toBe(
      'Mobile conversions · Device model',
    );
    // The view-to-contact column used to sit past the tile's edge, out of sight.
    const tile = await page.getByTestId('tile-pages-to-optimize').boundingBox();
    const last = await page.getByTestId('tile-pages-to-optimize').locator('th[data-column="view_to_contact_rate"]').boundingBox();
    expect(tile && last && last.x + last.width <= tile.x + tile.width).toBe(true);
    await page.getByTestId('language').selectOption('pl');
    await expect.poll(() => page.getByTestId('tile-conversion-by-goal').locator('.tile-title').textContent()).toContain('Cel');
    await page.getByTestId('language').selectOption('en');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a table tile with the rows of the API', async () => {
    const range = lastDays(30);
    const { page } = await open(`/acquisition?range=custom&start=${range.from}&end=${range.end}`);
    await waitForTiles(page);
    const { rows } = await server.query({ metrics: ['popular_devices'], from: range.from, to: range.to });
    const cells = await page
      .getByTestId('tile-popular-devices')
      .locator('tbody tr td[data-column="sessions"]')
      .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
    expect(cells).toEqual(rows.slice(0, 50).map((r) => Number(r.sessions)));
    await page.close();
  });

  it('follows the range, comparison and filter controls, keeping them in the URL', async () => {
    const { page, errors } = await open('/overview');
    await waitForTiles(page);

    await page.getByTestId('range').selectOption('last_90_days');
    await page.waitForURL(/range=last_90_days/);
    await waitForTiles(page);
    const r90 = lastDays(90);
    const [total90] = (await server.query({ metrics: ['sessions'], from: r90.from, to: r90.to, grain: 'all' })).rows;
    // The page refetches after the URL changed: poll until the card shows the new figure.
    await expect.poll(() => kpiValue(page, 'sessions')).toBe(Number(total90?.sessions));

    await page.getByTestId('compare').selectOption('year');
    await page.waitForURL(/compare=year/);
    await expect.poll(() => page.getByTestId('kpi-change-leads').textContent()).toMatch(/vs last year|no comparison data/);

    await page.getByTestId('filter-dimension').selectOption('channel');
    await page.getByTestId('filter-value').fill('Organic Search');
    await page.getByTestId('filter-apply').click();
    await page.waitForURL(/channel=Organic\+Search/);
    await expect(page.getByTestId('filter-chip-channel').textContent()).resolves.toContain('Organic Search');
    const filter = [{ dimension: 'channel', op: 'equals', value: 'Organic Search' }];
    const [filtered] = (await server.query({ metrics: ['sessions', 'leads'], from: r90.from, to: r90.to, grain: 'all', filters: filter }))
      .rows;
    expect(Number(filtered?.sessions)).toBeLessThan(Number(total90?.sessions));
    await expect.poll(() => kpiValue(page, 'sessions')).toBe(Number(filtered?.sessions));
    await expect.poll(() => kpiValue(page, 'leads')).toBe(Number(filtered?.leads));
    await waitForTiles(page);
    await screenshot(page, 'controls-filtered');

    // The view is shareable: the same URL in a new page shows the same figures.
    const shared = await session.context.newPage();
    await shared.goto(page.url());
    await waitForTiles(shared);
    expectClose(await kpiValue(shared, 'sessions'), filtered?.sessions);
    await shared.close();
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('switches to Arabic, right to left, and back', async () => {
    const { page, errors } = await open('/revenue');
    await waitForTiles(page);
    await page.getByTestId('language').selectOption('ar');
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ar');
    await expect(page.locator('h1').textContent()).resolves.toBe('الإيرادات');
    await waitForTiles(page);
    await screenshot(page, 'revenue-ar');
    for (const [code, title] of [
      ['ru', 'Выручка'],
      ['pl', 'Przychody'],
      ['en', 'Revenue'],
    ]) {
      await page.getByTestId('language').selectOption(code as string);
      await expect(page.locator('h1').textContent()).resolves.toBe(title);
    }
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('ltr');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports a tile to CSV and PNG', async () => {
    const { page } = await open('/overview');
    await waitForTiles(page);
    const tile = page.getByTestId('tile-channel-mix');
    const [csv] = await Promise.all([page.waitForEvent('download'), tile.locator('[data-action="csv"]').click()]);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('channel,sessions,sessions_previous');
    const [png] = await Promise.all([page.waitForEvent('download'), tile.locator('[data-action="png"]').click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    expect(
      readFileSync(await png.path())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    await page.close();
  });

  it('builds a custom dashboard with three tiles that is still there after a reload', async () => {
    const { page, errors } = await open('/dashboards');
    await page.getByTestId('new-dashboard-name').fill('Weekly marketing review');
    await page.getByTestId('create-dashboard').click();
    await page.waitForURL(/\/dashboards\/[\w-]+/);

    const tiles: Array<{ metric: string; viz: string; by?: string; filter?: [string, string] }> = [
      { metric: 'sessions', viz: 'number' },
      { metric: 'leads', viz: 'line', by: 'channel' },
      { metric: 'sales_revenue', viz: 'bar', by: 'owner', filter: ['channel', 'Organic Search'] },
    ];
    for (const tile of tiles) {
      await page.getByTestId('add-tile').click();
      await page.getByTestId('editor-metric').selectOption(tile.metric);
      await page.getByTestId('editor-viz').selectOption(tile.viz);
      if (tile.by) await page.getByTestId('editor-by').selectOption(tile.by);
      if (tile.filter) {
        await page.getByTestId('editor-filter-dimension').selectOption(tile.filter[0]);
        await page.getByTestId('editor-filter-value').fill(tile.filter[1]);
      }
      await page.getByTestId('editor-submit').click();
    }
    await expect(page.locator('.grid-tile').count()).resolves.toBe(3);

    // Drag the number tile down and to the right by its title bar.
    const head = page.locator('.grid-tile').first().locator('.tile-head');
    const box = await head.boundingBox();
    if (box) {
      await page.mouse.move(box.x + 20, box.y + 10);
      await page.mouse.down();
      await page.mouse.move(box.x + 400, box.y + 10, { steps: 8 });
      await page.mouse.up();
    }

    await page.getByTestId('dashboard-rename').click();
    await page.getByTestId('dashboard-name-input').fill('Monday review');
    await page.getByTestId('dashboard-name-input').press('Enter');
    await page.getByTestId('dashboard-save').click();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Saved');
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const saved = (await (await fetch(`${server.url}/api/v1/dashboards/${id}`)).json()) as {
      name: string;
      tiles: Array<{ metric: string; layout: { x: number } }>;
    };

    await page.reload();
    await waitForTiles(page);
    await expect(page.getByTestId('dashboard-name').textContent()).resolves.toBe('Monday review');
    await expect(page.locator('.grid-tile').count()).resolves.toBe(3);
    expect(saved.name).toBe('Monday review');
    expect(saved.tiles.map((t) => t.metric)).toEqual(['sessions', 'leads', 'sales_revenue']);
    expect(saved.tiles[0]?.layout.x).toBeGreaterThan(0);
    const failed = await page.locator('.tile[data-state="error"]').count();
    expect(failed).toBe(0);
    await screenshot(page, 'custom-dashboard');

    await page.goto(`${server.url}/dashboards`);
    await expect.poll(() => page.getByTestId('dashboard-list').textContent()).toContain('Monday review');
    await screenshot(page, 'dashboards-list');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('creates a goal with progress and pace, shows it on the overview card, edits and deletes it', async () => {
    const { page, errors } = await open('/goals');
    await page.getByTestId('goal-new').click();
    await page.getByTestId('goal-metric').selectOption('leads');
    await page.getByTestId('goal-target').fill('40');
    await page.getByTestId('goal-period').selectOption('month');
    await page.getByTestId('goal-submit').click();
    const item = page.locator('[data-metric="leads"]');
    await item.waitFor();
    const [goal] = (
      (await (await fetch(`${server.url}/api/v1/goals`)).json()) as { goals: Array<{ id: string; progress: { pace: string } }> }
    ).goals;
    await expect(item.getByTestId('pace-badge').getAttribute('data-pace')).resolves.toBe(goal?.progress.pace);
    await screenshot(page, 'goals');

    await page.goto(`${server.url}/overview`);
    await waitForTiles(page);
    await expect(page.getByTestId('kpi-leads').getByTestId('pace-badge').getAttribute('data-pace')).resolves.toBe(goal?.progress.pace);
    await screenshot(page, 'overview-goal');

    await page.goto(`${server.url}/goals`);
    await item.getByTestId('goal-edit').click();
    await page.getByTestId('goal-target').fill('55');
    await page.getByTestId('goal-submit').click();
    await expect.poll(() => item.textContent()).toContain('55');
    page.once('dialog', (dialog) => void dialog.accept());
    await item.getByTestId('goal-delete').click();
    await expect.poll(() => page.locator('[data-metric="leads"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows the insights of the API on the overview', async () => {
    const range = lastDays(30);
    const { page, errors } = await open(`/overview?range=custom&start=${range.from}&end=${range.end}`);
    await waitForTiles(page);
    const expected = (await (await fetch(`${server.url}/api/v1/insights?from=${range.from}&to=${range.to}`)).json()) as {
      insights: Array<{ kind: string }>;
    };
    expect(expected.insights.length).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-testid^="insight-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid'))))
      .toEqual(expected.insights.map((i) => `insight-${i.kind}`));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks for the insights with the comparison and the filters in view', async () => {
    const range = lastDays(30);
    const page = await session.context.newPage();
    const errors = collectErrors(page);
    const asked = page.waitForRequest((r) => r.url().includes('/api/v1/insights'));
    await page.goto(`${server.url}/overview?range=custom&start=${range.from}&end=${range.end}&compare=year&channel=Organic+Search`);
    const params = new URL((await asked).url()).searchParams;
    expect(params.get('compare')).toBe('year');
    expect(params.getAll('filter')).toEqual(['channel=Organic Search']);
    await waitForTiles(page);
    const expected = (await (await fetch(`${server.url}/api/v1/insights?${params}`)).json()) as {
      insights: Array<{ kind: string; params: { comparison?: string } }>;
    };
    for (const insight of expected.insights) if (insight.kind === 'largest_change') expect(insight.params.comparison).toBe('year');
    await expect
      .poll(() => page.locator('[data-testid^="insight-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid'))))
      .toEqual(expected.insights.map((i) => `insight-${i.kind}`));
    const change = page.getByTestId('insight-largest_change');
    if ((await change.count()) > 0) await expect(change.textContent()).resolves.toContain('last year');
    await screenshot(page, 'overview-insights-year');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('schedules a dashboard as a weekly report in Polish, lists it and deletes it', async () => {
    const dashboard = (await (
      await fetch(`${server.url}/api/v1/dashboards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Board report', tiles: [] }),
      })
    ).json()) as { id: string };
    const { page, errors } = await open('/reports');
    await page.getByTestId('language').selectOption('pl');
    await expect(page.locator('h1').textContent()).resolves.toBe('Raporty cykliczne');
    await page.getByTestId('report-new').click();
    await page.getByTestId('report-dashboard').selectOption(dashboard.id);
    await page.getByTestId('report-frequency').selectOption('weekly');
    await page.getByTestId('report-recipients').fill('ceo@example.com\nsales@example.com');
    await page.getByTestId('report-csv').uncheck();
    await page.getByTestId('report-submit').click();
    const item = page.locator(`[data-dashboard="${dashboard.id}"]`);
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('Co tydzień');
    const { reports } = (await (await fetch(`${server.url}/api/v1/reports`)).json()) as { reports: Array<Record<string, unknown>> };
    expect(reports.find((r) => r.dashboardId === dashboard.id)).toMatchObject({
      frequency: 'weekly',
      recipients: ['ceo@example.com', 'sales@example.com'],
      csv: false,
    });
    await screenshot(page, 'reports-pl');
    page.once('dialog', (dialog) => void dialog.accept());
    await item.getByTestId('report-delete').click();
    await expect.poll(() => item.count()).toBe(0);
    await page.getByTestId('language').selectOption('en');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('creates a threshold alert with a webhook and lists it, with the history', async () => {
    const { page, errors } = await open('/alerts');
    await page.getByTestId('alert-new').click();
    await page.getByTestId('alert-name').fill('Leads dropped');
    await page.getByTestId('alert-kind').selectOption('threshold');
    await page.getByTestId('alert-metric').selectOption('leads');
    await page.getByTestId('alert-op').selectOption('below');
    await page.getByTestId('alert-value').fill('5');
    await page.getByTestId('alert-channel').selectOption('webhook');
    await page.getByTestId('alert-target').fill('https://hooks.example.com/northstar');
    await page.getByTestId('alert-submit').click();
    await expect.poll(() => page.getByTestId('alert-list').textContent()).toContain('Leads dropped');
    const { alerts } = (await (await fetch(`${server.url}/api/v1/alerts`)).json()) as {
      alerts: Array<{ name: string; condition: Record<string, unknown>; channels: unknown[] }>;
    };
    expect(alerts.find((a) => a.name === 'Leads dropped')).toMatchObject({
      condition: { type: 'threshold', metric: 'leads', op: 'below', value: 5 },
      channels: [{ type: 'webhook', url: 'https://hooks.example.com/northstar' }],
    });
    await screenshot(page, 'alerts');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is usable on a phone: the page list opens as a drawer', async () => {
    const phone = await launchBrowser({ width: 390, height: 844, mobile: true });
    try {
      const page = await phone.context.newPage();
      const errors = collectErrors(page);
      await page.goto(`${server.url}/overview`);
      await waitForTiles(page);
      await page.screenshot({ path: 'e2e/screenshots/phone-overview.png' });
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('link', { name: 'Funnel' }).click();
      await page.waitForURL(/\/funnel/);
      await waitForTiles(page);
      await page.screenshot({ path: 'e2e/screenshots/phone-funnel.png' });
      expect(errors).toEqual([]);
    } finally {
      await phone.close();
    }
  }, 60_000);

  it('follows a dark colour scheme', async () => {
    const dark = await launchBrowser({ colorScheme: 'dark' });
    try {
      const page = await dark.context.newPage();
      await page.goto(`${server.url}/acquisition`);
      await waitForTiles(page);
      await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
      await screenshot(page, 'acquisition-dark');
    } finally {
      await dark.close();
    }
  }, 60_000);
});
