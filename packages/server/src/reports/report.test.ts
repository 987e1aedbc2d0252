/**
 * Reports end to end: a dashboard of the CRM fixture printed to PDF by Chromium, opened with
 * poppler (pdftoppm to PNG, pdftotext for its words), exported as CSV by the CLI, and emailed on
 * schedule to a real SMTP server on loopback once per period, across a restart.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReceivedMail, startSmtp } from '../alerts/test-receivers.ts';
import { createApiKey } from '../auth/api-keys.ts';
import { buildApp } from '../http/app.ts';
import { runJobPass } from '../jobs/run-jobs.ts';
import { loadCrm } from '../metrics/fixture-crm.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { buildReport, reportPdf } from './build-report.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/northstar.js', import.meta.url));
let dir: string;
let store: DuckDbStore;
let app: FastifyInstance;
let dashboardId: string;
let smtp: { port: number; mails: ReceivedMail[]; close(): Promise<void> };
const Q1 = { from: '2026-01-01', to: '2026-04-01' };

const tile = (id: string, metric: string, viz: string, x: number, y: number, extra: Record<string, unknown> = {}) => ({
  id,
  metric,
  viz,
  layout: { x, y, w: viz === 'number' ? 6 : 12, h: 4 },
  ...extra,
});

async function open(): Promise<void> {
  store = await DuckDbStore.open({ path: join(dir, 'data', 'northstar.duckdb') });
  app = await buildApp({ store, webRoot: '/nonexistent' });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'northstar-report-'));
  await open();
  await loadCrm(store);
  // A spend row whose channel a spreadsheet would run as a formula, and markup in a campaign.
  await store.insertRows('spend', [
    {
      date: '2026-02-15',
      amount: 50,
      channel: '=HYPERLINK("http://x")',
      campaign: '<b>bold</b>',
      category: 'other',
      department: 'marketing',
      program: 'digital',
      vendor: '',
    },
  ]);
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/dashboards',
    payload: {
      name: 'Q1 <review>',
      tiles: [
        tile('revenue', 'sales_revenue', 'number', 0, 0),
        tile('leads', 'leads', 'number', 6, 0, { title: 'Leads <script>alert(1)</script>' }),
        tile('cac', 'cac', 'number', 0, 1),
        tile('spend', 'marketing_spend', 'bar', 0, 2, { by: ['channel'] }),
        tile('trend', 'leads', 'line', 0, 3),
        tile('funnel', 'funnel_dropoff', 'table', 0, 4),
      ],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  dashboardId = created.json().id;
  smtp = await startSmtp();
});

afterAll(async () => {
  await app.close();
  await store.close();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dashboard report', () => {
  it('escapes user data in the HTML', async () => {
    const { html } = await buildReport(store, dashboardId, Q1);
    expect(html).toContain('Q1 &lt;review&gt;');
    expect(html).toContain('Leads &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;)');
  });

  it('prints a PDF whose pages show the KPI values', async () => {
    const report = await buildReport(store, dashboardId, Q1);
    const pdf = await reportPdf(report);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(dir, 'q1.pdf');
    writeFileSync(file, pdf);
    await run('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', file, join(dir, 'q1')]);
    const png = join(dir, 'q1-1.png');
    expect(existsSync(png)).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(10_000);
    const { stdout: text } = await run('pdftotext', ['-layout', file, '-']);
    // Q1 by hand (metrics/fixture-crm.ts): revenue 200 + 1100 + 3300; leads a, b, e; CAC (1150 + 900) / 2
    expect(text).toContain('Q1 <review>');
    expect(text).toContain('4,600.00 USD');
    expect(text).toContain('Leads <script>alert(1)</script>');
    expect(text).toMatch(/4,600\.00 USD\s+3\n/);
    expect(text).toContain('1,025.00 USD');
    // Marketing spend by channel: Paid Search 800, Organic Social 300, the odd channel 50.
    expect(text).toContain('800.00 USD');
    expect(text).toContain('=HYPERLINK("http://x")');
  }, 120_000);

  it('exports CSV by the CLI with formula cells neutralised, and a PDF', async () => {
    await app.close();
    await store.close();
    try {
      await cliExports();
    } finally {
      await open();
    }
  }, 120_000);

  async function cliExports() {
    const out = join(dir, 'q1.csv');
    const cli = await run(process.execPath, [
      BIN,
      '--data',
      join(dir, 'data'),
      'report',
      '--dashboard',
      dashboardId,
      '--format',
      'csv',
      '--out',
      out,
      '--from',
      Q1.from,
      '--to',
      Q1.to,
    ]);
    expect(cli.stdout).toContain('6 tiles');
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\n')[0]).toBe(
      'tile,title,sales_revenue,sales_revenue_previous,leads,leads_previous,cac,cac_previous,channel,marketing_spend,marketing_spend_previous,period,stage,dropped,lost,inactive',
    );
    expect(csv).toContain('revenue,Sales revenue,4600,0,');
    expect(csv).toContain(`spend,Marketing spend,,,,,,,"'=HYPERLINK(""http://x"")",50,`);
    const pdfOut = join(dir, 'cli.pdf');
    await run(process.execPath, [
      BIN,
      '--data',
      join(dir, 'data'),
      'report',
      '--dashboard',
      dashboardId,
      '--format',
      'pdf',
      '--out',
      pdfOut,
      '--from',
      Q1.from,
      '--to',
      Q1.to,
    ]);
    expect(readFileSync(pdfOut).subarray(0, 5).toString()).toBe('%PDF-');
    const bad = await run(process.execPath, [BIN, '--data', join(dir, 'data'), 'report', '--dashboard', 'nope', '--out', pdfOut]).catch(
      (e) => e,
    );
    expect(bad.stderr).toContain('error: no dashboard nope');
  }

  it('emails a weekly report once per week, with the PDF and the tiles as CSV, across a restart', async () => {
    const key = (await createApiKey(store.metadata, 'admin')).key;
    const settings = await app.inject({
      method: 'PUT',
      url: '/api/v1/alerts/settings',
      headers: { authorization: `Bearer ${key}` },
      payload: { smtp: { host: '127.0.0.1', port: smtp.port, from: 'reports@example.com' }, allowPrivateTargets: true },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { dashboardId, frequency: 'weekly', recipients: ['team@example.com'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    // Monday 2027-03-08: the week of 2027-03-01 is due (the schedule was made before it ended).
    const monday = new Date('2027-03-08T07:00:00Z');
    const pass = await runJobPass(store, monday);
    expect(pass.reports.errors).toEqual([]);
    expect(pass.reports.sent).toHaveLength(1);
    expect(pass.delivery).toMatchObject({ delivered: 1 });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]?.raw ?? '';
    expect(mail).toContain('Subject: [Northstar] Q1 <review>: 2027-03-01 to 2027-03-07');
    expect(mail).toMatch(/filename=q1-review-2027-03-01\.pdf/);
    expect(mail).toMatch(/filename=revenue-sales-revenue\.csv/);
    expect(mail).toMatch(/filename=funnel-funnel-drop-off\.csv/);
    // An empty week still has the columns: the funnel table's header.
    expect(mail).toContain(Buffer.from('stage,dropped,lost,inactive\n').toString('base64'));

    expect((await runJobPass(store, new Date('2027-03-08T08:00:00Z'))).reports.sent).toHaveLength(0);
    await app.close();
    await store.close();
    await open();
    expect((await runJobPass(store, new Date('2027-03-10T08:00:00Z'))).reports.sent).toHaveLength(0);
    expect(smtp.mails).toHaveLength(1);
    // The next Monday is the next period.
    expect((await runJobPass(store, new Date('2027-03-15T08:00:00Z'))).reports.sent).toHaveLength(1);
    expect(smtp.mails).toHaveLength(2);

    // Sent now for Q1: the attached PDF holds Q1's values.
    const sent = await app.inject({ method: 'POST', url: `/api/v1/reports/${created.json().id}/send`, payload: Q1 });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json().delivery).toMatchObject({ delivered: 1 });
    const raw = smtp.mails[2]?.raw ?? '';
    expect(raw).toContain('Subject: [Northstar] Q1 <review>: 2026-01-01 to 2026-03-31');
    const part = raw.split(/\r?\n--/).find((p) => p.includes('filename=q1-review-2026-01-01.pdf')) ?? '';
    const base64 = part.split(/\r?\n\r?\n/)[1]?.replace(/\s+/g, '') ?? '';
    const attached = join(dir, 'attached.pdf');
    writeFileSync(attached, Buffer.from(base64, 'base64'));
    const { stdout: text } = await run('pdftotext', ['-layout', attached, '-']);
    expect(text).toContain('4,600.00 USD');
    expect(text).toContain('1,025.00 USD');
  }, 120_000);

  it('exports over HTTP and validates input', async () => {
    const csv = await app.inject({
      method: 'GET',
      url: `/api/v1/reports/export?dashboard=${dashboardId}&format=csv&from=2026-01-01&to=2026-04-01`,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="q1-review-2026-01-01.csv"');
    for (const [url, code] of [
      ['/api/v1/reports/export?dashboard=nope', 404],
      [`/api/v1/reports/export?dashboard=${dashboardId}&format=docx`, 400],
      [`/api/v1/reports/export?dashboard=${dashboardId}&from=2026-13-01`, 400],
    ] as const) {
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(code);
    }
    const badSchedule = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { dashboardId: 'nope', frequency: 'weekly', recipients: ['a@example.com'] },
    });
    expect(badSchedule.statusCode).toBe(400);
  });
});
