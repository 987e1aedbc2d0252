/**
 * The demo company: Vistula Cloud, a Warsaw-based B2B SaaS (CRM and sales automation) selling in
 * Poland, the CIS (Russia, Kazakhstan, Ukraine) and the Gulf (UAE, Saudi Arabia, Egypt), with
 * some traffic from Germany, the UK and the US. Twelve months ending `today`, deterministic for a
 * seed and a `today`: every kind of input, written exactly as an import would write it.
 *
 * Assumptions, so the KPIs come out in believable ranges:
 * - Traffic (≈ 1M events at scale 1): organic search biggest, then direct, paid search, paid
 *   social, organic social, email, referral, display; Yandex and VK/Telegram in the CIS, Seznam in
 *   Czechia, Baidu in China. Office-hours and weekday peaks (Friday–Saturday weekends in Saudi
 *   Arabia and Egypt), public holidays and Eid, a summer dip, a Q4 peak, +40 % growth over the year.
 * - Paid campaigns' daily spend buys their clicks (clicks = spend / CPC), so CAC and ROAS hold
 *   together; newsletters and webinar invitations drive the email channel.
 * - Sessions convert 1–4 % into leads depending on page, channel and device; lead → MQL ≈ 35 %,
 *   MQL → SQL ≈ 40 %, SQL → SAL 70 %, SAL → opportunity 60 %, opportunity → customer 25–35 %
 *   (reps differ), with skipped stages, losses, and churn months after purchase. SDR outreach adds
 *   outbound contacts without web sessions; customers won before the window give retention a base.
 * - Starter is self-serve and monthly (its first payment is a website purchase); Pro and
 *   Enterprise are sold through deals. A deal pays the first term; later terms are orders.
 *   Invoices are in PLN (Poland), EUR (rest of Europe) or USD; rates to the reporting currency
 *   are written for every day.
 * - The trial landing page runs an A/B test (`lp-trial-hero`) in the last 120 days; variant b
 *   converts about 25 % better than control.
 */
import { AppError, INPUT_KINDS, type InputKind } from '@northstar/core';
import { FxTable } from '../import/fx-table.ts';
import type { Store } from '../store/store.ts';
import { demoWindow, isoDay } from './calendar.ts';
import { Crm } from './crm.ts';
import { FxModel } from './fx.ts';
import { marketingEventRow, scheduleMarketingEvents } from './marketing-events.ts';
import { npsRows } from './nps.ts';
import { createRng } from './prng.ts';
import { DemoSink, inputRow } from './sink.ts';
import { keywordRows, socialRows } from './social-and-search.ts';
import { Spend } from './spend.ts';
import { WebTraffic } from './web-traffic.ts';

export interface DemoOptions {
  /** Size: 1 is about 1M events; contacts, deals and spend scale with it. */
  scale?: number;
  seed?: number;
  /** The window is the 12 months ending here; nothing later is generated. */
  today?: Date;
  onProgress?: (message: string) => void;
}

export interface DemoSummary {
  /** Input rows written per kind (events dropped as bots are not counted). */
  rows: Record<InputKind, number>;
  /** Events the enrichment dropped as bots: none, unless the bot rules start matching a demo browser. */
  botsDropped: number;
  from: string;
  to: string;
}

/** Currencies the demo invoices and pays in. */
const CURRENCIES = ['PLN', 'EUR', 'USD'];

export async function generateDemo(store: Store, options: DemoOptions = {}): Promise<DemoSummary> {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 1;
  const today = options.today ?? new Date();
  const progress = options.onProgress ?? (() => undefined);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new AppError('validation', `demo scale must be a positive number, got ${scale}`);
  if (Number.isNaN(today.getTime())) throw new AppError('validation', 'demo `today` is not a valid date');
  await assertEmpty(store);

  const settings = await store.getSettings();
  const window = demoWindow(today);
  // Rates from a little before the window to a day after it, so any workspace timezone finds one.
  const fx = new FxModel(createRng(seed, 'fx'), window.startDay - 10, window.endDay + 1, settings.currency, CURRENCIES);
  const sink = new DemoSink(store, { fx: undefined, timezone: settings.timezone });
  for (const row of fx.rows()) sink.add('fx_rates', inputRow('fx_rates', row));
  await sink.flush(true);
  sink.setOptions({ fx: await FxTable.load(store, settings.currency), timezone: settings.timezone });

  const events = scheduleMarketingEvents(createRng(seed, 'events'), window, scale);
  const crm = new Crm(createRng(seed, 'crm'), window, scale, sink);
  const spend = new Spend(createRng(seed, 'spend'), window, scale, fx, sink);
  const web = new WebTraffic(createRng(seed, 'web'), window, scale, crm, sink, events);
  crm.legacyCustomers();
  spend.monthlyCosts();
  spend.eventCosts(events);

  for (let day = window.startDay; day <= window.endDay; day++) {
    web.generateDay(day, spend.paidDay(day));
    crm.outboundDay(day);
    await sink.flush();
    if ((day - window.startDay) % 30 === 29) {
      progress(`web traffic and CRM: ${isoDay(day)} (${Math.round(((day - window.startDay + 1) / window.days) * 100)} %)`);
    }
  }

  progress('budget, events, social, keywords, NPS');
  spend.budget();
  for (const event of events) sink.add('marketing_events', inputRow('marketing_events', marketingEventRow(event)));
  for (const row of socialRows(createRng(seed, 'social'), window, scale)) sink.add('social', inputRow('social', row));
  for (const row of keywordRows(createRng(seed, 'keywords'), window, scale)) sink.add('keywords', inputRow('keywords', row));
  for (const row of npsRows(createRng(seed, 'nps'), window, crm.customers)) sink.add('nps', inputRow('nps', row));
  await sink.flush(true);

  progress('rebuilding sessions');
  await store.refreshSessions();
  const rows = Object.fromEntries(INPUT_KINDS.map((kind) => [kind, sink.written.get(kind) ?? 0])) as Record<InputKind, number>;
  return { rows, botsDropped: sink.botsDropped, from: isoDay(window.startDay), to: isoDay(window.endDay) };
}

/** The demo appends without merging, so it only runs on a store with no data. */
async function assertEmpty(store: Store): Promise<void> {
  const filled: string[] = [];
  for (const kind of INPUT_KINDS) if ((await store.count(kind)) > 0) filled.push(kind);
  if (filled.length > 0) {
    throw new AppError(
      'conflict',
      `the demo company loads only into an empty data directory, but this one already holds ${filled.join(', ')}; use a new --data directory`,
      { tables: filled },
    );
  }
}
