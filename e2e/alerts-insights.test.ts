/**
 * Alerts and insights in Debian's chromium, in Polish and Arabic: the delivery settings form (the
 * private-address check, the write-only password), an alert rule created, edited and switched off,
 * its delivery history after a real webhook and SMTP delivery on loopback, and the overview's
 * insights worded in the reader's language from the API's structured answer.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, WebhookReceiver } from '../packages/server/src/alerts/test-receivers.ts';
import type { Insight } from '../packages/web/src/api/insights.ts';
import type { Cell, Unit } from '../packages/web/src/api/types.ts';
import { formatValue } from '../packages/web/src/format/format-value.ts';
import { createTranslator } from '../packages/web/src/i18n/translator.ts';
import { describeInsight } from '../packages/web/src/insights/describe-insight.ts';
import {
  type BrowserSession,
  collectErrors,
  hasChromium,
  launchBrowser,
  SCREENSHOTS,
  screenshot,
  waitForTiles,
} from './dashboard-browser.ts';
import { ensureWebBuild } from './dashboard-build.ts';
import { lastDays } from './dashboard-dates.ts';
import { type DashboardServer, startDashboardServer } from './dashboard-server.ts';

const run = hasChromium() || process.env.CI === 'true';

let server: DashboardServer;
let session: BrowserSession;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const hook = new WebhookReceiver();

/** Text as compared: Intl's no-break spaces as spaces, no bidi isolates or marks. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/[\u200e\u200f\u2068\u2069]/g, '');

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await session.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${server.url}${path}`);
  return { page, errors };
}

interface Rule {
  id: string;
  name: string;
  enabled: boolean;
  condition: Record<string, unknown>;
  channels: unknown[];
}

describe.runIf(run)('alerts and insights in Polish and Arabic (chromium)', () => {
  beforeAll(async () => {
    delete process.env.NORTHSTAR_SMTP_URL;
    ensureWebBuild();
    smtp = await startSmtp();
    await hook.start();
    server = await startDashboardServer({ scale: 0.02 });
    // The browser asks for Polish: the dashboard follows it.
    session = await launchBrowser({ locale: 'pl-PL' });
  }, 240_000);

  afterAll(async () => {
    await session?.close();
    await server?.close();
    await smtp?.close();
    await hook.stop();
  });

  it('sets the SMTP server and default recipients in the delivery settings; loopback only once allowed', async () => {
    const { page, errors } = await open('/alerts/delivery');
    await page.getByTestId('delivery-form').waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('pl');
    await expect(page.getByTestId('delivery-source').getAttribute('data-source')).resolves.toBe('none');
    await page.getByTestId('delivery-host').fill('127.0.0.1');
    await page.getByTestId('delivery-port').fill(String(smtp.port));
    await page.getByTestId('delivery-from').fill('northstar@example.com');
    // Stored, never shown again (the loopback test server takes mail without AUTH, so no username here).
    await page.getByTestId('delivery-password').fill('smtp-secret-1');
    await page.getByTestId('delivery-recipients').fill('marketing@example.com, sales@example.com');
    await page.getByTestId('delivery-submit').click();
    // Loopback is refused until an admin allows private addresses.
    await expect.poll(() => page.getByTestId('delivery-error').textContent()).toMatch(/127\.0\.0\.1/);
    await page.getByTestId('delivery-allow-private').check();
    await page.getByTestId('delivery-submit').click();
    await expect.poll(() => page.getByTestId('delivery-saved').textContent()).toBe('Ustawienia zapisane.');
    await expect(page.getByTestId('delivery-source').getAttribute('data-source')).resolves.toBe('settings');
    await screenshot(page, 'delivery-settings-pl');

    const response = await fetch(`${server.url}/api/v1/alerts/settings`);
    const body = await response.text();
    expect(body).not.toContain('smtp-secret-1');
    expect(JSON.parse(body)).toEqual({
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'northstar@example.com', passwordSet: true },
      smtpSource: 'settings',
      defaultRecipients: ['marketing@example.com', 'sales@example.com'],
      allowPrivateTargets: true,
    });
    // The refused save is the only error the console saw.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/status of 400 .*\/api\/v1\/alerts\/settings/);
    await page.close();
  }, 60_000);

  it('creates, edits and switches off an alert; its history shows the deliveries', async () => {
    const { page, errors } = await open('/alerts');
    await page.getByTestId('alert-new').click();
    await page.getByTestId('alert-name').fill('Leady powyżej miliona');
    await page.getByTestId('alert-kind').selectOption('threshold');
    await page.getByTestId('alert-metric').selectOption('leads');
    await page.getByTestId('alert-op').selectOption('above');
    await page.getByTestId('alert-value').fill('1000000');
    await page.getByTestId('alert-target').fill(hook.url);
    // A second channel: email to the default recipients (no addresses of its own).
    await page.getByTestId('alert-add-email').click();
    await page.getByTestId('alert-submit').click();
    await expect.poll(() => page.getByTestId('alert-list').textContent()).toContain('Leady powyżej miliona');
    const [created] = (await api<{ alerts: Rule[] }>('GET', '/alerts')).alerts;
    expect(created).toMatchObject({
      name: 'Leady powyżej miliona',
      enabled: true,
      condition: { type: 'threshold', metric: 'leads', op: 'above', value: 1_000_000, grain: 'day' },
      channels: [
        { type: 'webhook', url: hook.url },
        { type: 'email', to: [] },
      ],
    });
    const item = page.getByTestId(`alert-${created?.id}`);
    await expect(item.textContent()).resolves.toContain('domyślni odbiorcy');

    // Edit: any sessions yesterday fire it.
    await item.getByTestId('alert-edit').click();
    const form = page.getByTestId('alert-form');
    await expect(form.getByTestId('alert-value').inputValue()).resolves.toBe('1000000');
    await form.getByTestId('alert-name').fill('Sesje powyżej zera');
    await form.getByTestId('alert-metric').selectOption('sessions');
    await form.getByTestId('alert-value').fill('0');
    await form.getByTestId('alert-submit').click();
    await expect.poll(() => item.locator('h2').textContent()).toBe('Sesje powyżej zera');
    const edited = await api<Rule>('GET', `/alerts/${created?.id}`);
    expect(edited).toMatchObject({
      id: created?.id,
      name: 'Sesje powyżej zera',
      enabled: true,
      condition: { type: 'threshold', metric: 'sessions', op: 'above', value: 0, grain: 'day' },
      channels: created?.channels,
    });
    expect((await api<{ alerts: Rule[] }>('GET', '/alerts')).alerts).toHaveLength(1);

    // It fires once; the webhook and the default recipients get it.
    const pass = await api<{ fired: Array<{ ruleId: string }>; delivery: Record<string, number> }>('POST', '/alerts/evaluate', {});
    expect(pass.fired.map((f) => f.ruleId)).toEqual([created?.id]);
    expect(pass.delivery).toMatchObject({ attempted: 2, delivered: 2 });
    expect(hook.calls).toHaveLength(1);
    expect(smtp.mails.map((m) => m.to)).toEqual([['marketing@example.com', 'sales@example.com']]);

    await item.getByTestId('alert-history-toggle').click();
    const deliveries = item.getByTestId('alert-rule-history').getByTestId('alert-delivery');
    await expect.poll(() => deliveries.count()).toBe(2);
    await expect(deliveries.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))).resolves.toEqual([
      'delivered',
      'delivered',
    ]);
    const historyText = plain(await item.getByTestId('alert-rule-history').textContent());
    expect(historyText).toContain('Dostarczono');
    expect(historyText).toContain('1 próba');
    expect(historyText).toContain('domyślni odbiorcy');

    // Switch it off: the API has it disabled, and an evaluation does not check it.
    await item.getByTestId('alert-enabled').uncheck();
    await expect.poll(() => item.getAttribute('data-enabled')).toBe('false');
    await expect(item.textContent()).resolves.toContain('Wyłączony');
    // The switch moves at once; the save lands a moment later.
    await expect.poll(async () => (await api<Rule>('GET', `/alerts/${created?.id}`)).enabled).toBe(false);
    const after = await api<{ checked: number; fired: unknown[] }>('POST', '/alerts/evaluate', {
      at: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(after).toMatchObject({ checked: 0, fired: [] });
    expect(hook.calls).toHaveLength(1);
    await screenshot(page, 'alerts-edited-pl');

    await page.reload();
    await expect.poll(() => page.getByTestId(`alert-${created?.id}`).getByTestId('alert-enabled').isChecked()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('words the overview’s insights in Polish, then in Arabic right to left', async () => {
    const range = lastDays(30);
    const { page, errors } = await open(`/overview?range=custom&start=${range.from}&end=${range.end}`);
    await waitForTiles(page);
    const answer = await api<{ insights: Insight[] }>('GET', `/insights?from=${range.from}&to=${range.to}`);
    expect(answer.insights.length).toBeGreaterThan(0);
    const { workspace } = await api<{ workspace: { currency: string } }>('GET', '/health');

    const expected = (language: 'pl' | 'ar', insight: Insight) => {
      const format = (value: Cell | undefined, unit: Unit, metric?: string) =>
        formatValue(value, unit, { locale: language, currency: workspace.currency }, metric);
      const text = describeInsight(insight, createTranslator(language), {
        locale: language,
        dir: language === 'ar' ? 'rtl' : 'ltr',
        format,
      });
      return plain(text.headline);
    };
    await expect
      .poll(() => page.locator('[data-testid^="insight-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid'))))
      .toEqual(answer.insights.map((i) => `insight-${i.kind}`));
    const POLISH_KIND = {
      cac_above_ltv: 'CAC powyżej LTV',
      pages_to_optimize: 'Strony do optymalizacji',
      rising_cost_per_lead: 'Rosnący koszt leada',
      largest_change: 'Największa zmiana',
    };
    for (const insight of answer.insights) {
      const text = plain(await page.getByTestId(`insight-${insight.kind}`).locator('.insight-headline').textContent());
      expect(text).toBe(`${POLISH_KIND[insight.kind]} · ${expected('pl', insight)}`);
    }
    const change = answer.insights.find((i) => i.kind === 'largest_change');
    // Scores move in points (describe-insight); the others as a percentage.
    if (change?.kind === 'largest_change' && change.params.changeAs === 'share') {
      const pct = new Intl.NumberFormat('pl', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
        change.params.change,
      );
      expect(plain(await page.getByTestId('insight-largest_change').textContent())).toContain(plain(pct));
    }
    await screenshot(page, 'overview-insights-pl');

    await page.getByTestId('language').selectOption('ar');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    const ARABIC_KIND = {
      cac_above_ltv: 'تكلفة الاكتساب أعلى من القيمة الدائمة',
      pages_to_optimize: 'صفحات تحتاج إلى تحسين',
      rising_cost_per_lead: 'ارتفاع تكلفة العميل المحتمل',
      largest_change: 'أكبر تغيير',
    };
    for (const insight of answer.insights) {
      const headline = page.getByTestId(`insight-${insight.kind}`).locator('.insight-headline');
      await expect.poll(async () => plain(await headline.textContent())).toContain(ARABIC_KIND[insight.kind]);
      expect(plain(await headline.textContent())).toContain(expected('ar', insight).split(':')[0]);
    }
    await screenshot(page, 'overview-insights-ar');
    await page.getByTestId('insights').screenshot({ path: join(SCREENSHOTS, 'insights-ar.png') });
    await page.getByTestId('language').selectOption('pl');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
