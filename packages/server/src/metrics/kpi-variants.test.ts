/**
 * The variants KPIS.md asks for beyond a plain breakdown: conversions per goal, cost per lead by
 * vendor, and ROI net of the organic baseline. Each on its own small data set, values by hand.
 */
import type { StoredRow } from '@northstar/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { runQuery } from './run-query.ts';
import { load, loadSessions, openTestStore, type SessionSpec, utc } from './test-fixtures.ts';

function expectValue(actual: unknown, expected: number | null) {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 8);
}

describe('conversions and conversion_rate per goal', () => {
  /*
   * Jan: s1 signup + contact form · s2 signup twice · s3 no conversion
   * Feb: s4 nameless form_submit (goal "form_submit") · s5 signup, mobile · s6 no conversion
   * Dec 2025: s0 demo (outside the range; its goal still exists, with 0 conversions in the range)
   */
  const sessions: SessionSpec[] = [
    {
      id: 's0',
      visitor: 'v0',
      at: '2025-12-20 10:00',
      events: [
        [0, 'pageview', '/'],
        [5, 'goal', 'demo'],
      ],
    },
    {
      id: 's1',
      visitor: 'v1',
      at: '2026-01-05 10:00',
      events: [
        [0, 'pageview', '/'],
        [10, 'goal', 'signup'],
        [20, 'form_submit', 'contact'],
      ],
    },
    {
      id: 's2',
      visitor: 'v2',
      at: '2026-01-10 10:00',
      events: [
        [0, 'pageview', '/'],
        [10, 'goal', 'signup'],
        [30, 'goal', 'signup'],
      ],
    },
    { id: 's3', visitor: 'v3', at: '2026-01-20 10:00', events: [[0, 'pageview', '/']] },
    {
      id: 's4',
      visitor: 'v4',
      at: '2026-02-03 10:00',
      events: [
        [0, 'pageview', '/'],
        [10, 'form_submit'],
      ],
    },
    {
      id: 's5',
      visitor: 'v5',
      at: '2026-02-10 10:00',
      device: 'mobile',
      events: [
        [0, 'pageview', '/'],
        [10, 'goal', 'signup'],
      ],
    },
    { id: 's6', visitor: 'v6', at: '2026-02-15 10:00', events: [[0, 'pageview', '/']] },
  ];
  const range = { from: '2026-01-01', to: '2026-03-01' };
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
    await loadSessions(store, sessions);
  });
  afterAll(async () => store.close());

  it('all goals: a session counts once however many goals it reached', async () => {
    const total = await runQuery(store, { metrics: ['conversions', 'conversion_rate'], ...range });
    expect(total.rows).toEqual([{ conversions: 4, conversion_rate: 4 / 6 }]); // s1, s2, s4, s5 of s1…s6
    const months = await runQuery(store, { metrics: ['conversions', 'conversion_rate'], ...range, grain: 'month' });
    expect(months.rows).toEqual([
      { period: '2026-01-01', conversions: 2, conversion_rate: 2 / 3 },
      { period: '2026-02-01', conversions: 2, conversion_rate: 2 / 3 },
    ]);
  });

  it('per goal: sessions that reached the goal over all sessions; s1 counts under signup and contact', async () => {
    const { rows } = await runQuery(store, { metrics: ['conversions', 'conversion_rate'], ...range, dimensions: ['goal'] });
    expect(rows).toEqual([
      { goal: 'contact', conversions: 1, conversion_rate: 1 / 6 },
      { goal: 'demo', conversions: 0, conversion_rate: 0 },
      { goal: 'form_submit', conversions: 1, conversion_rate: 1 / 6 },
      { goal: 'signup', conversions: 3, conversion_rate: 3 / 6 },
    ]);
    const months = await runQuery(store, { metrics: ['conversion_rate'], ...range, grain: 'month', dimensions: ['goal'] });
    expect(months.rows).toEqual([
      { period: '2026-01-01', goal: 'contact', conversion_rate: 1 / 3 },
      { period: '2026-01-01', goal: 'demo', conversion_rate: 0 },
      { period: '2026-01-01', goal: 'form_submit', conversion_rate: 0 },
      { period: '2026-01-01', goal: 'signup', conversion_rate: 2 / 3 },
      { period: '2026-02-01', goal: 'contact', conversion_rate: 0 },
      { period: '2026-02-01', goal: 'demo', conversion_rate: 0 },
      { period: '2026-02-01', goal: 'form_submit', conversion_rate: 1 / 3 },
      { period: '2026-02-01', goal: 'signup', conversion_rate: 1 / 3 },
    ]);
  });

  it('filtered to one goal and broken down by device', async () => {
    const { rows } = await runQuery(store, {
      metrics: ['conversion_rate'],
      ...range,
      dimensions: ['device'],
      filters: [{ dimension: 'goal', op: 'equals', value: 'signup' }],
    });
    expect(rows).toEqual([
      { device: 'desktop', conversion_rate: 2 / 5 }, // s1, s2 of s1, s2, s3, s4, s6
      { device: 'mobile', conversion_rate: 1 / 1 }, // s5
    ]);
  });

  it('goal is offered only to the metrics that define it', async () => {
    await expect(runQuery(store, { metrics: ['sessions'], ...range, dimensions: ['goal'] })).rejects.toThrow(/'goal' not allowed/);
  });
});

describe('cost_per_lead by vendor', () => {
  /*
   * Marketing spend: 2025-12-01 winter/B 50 (before the range) · 01-05 spring/A 400 · 01-06 spring/B 100 ·
   * 02-01 brand/A 300 · 02-02 no campaign, no vendor 200. Sales spend 02-03 retarget/C 999.
   * Vendors by campaign: spring → A, B · brand → A · winter → B (billed before the range still counts).
   * Leads: L1 01-10 spring (A, B) · L2 01-20 brand (A) · L3 02-05 winter (B) · L4 02-10 none ((none)) ·
   * L5 02-12 retarget (only sales spend: (none)) · L6 02-20 no own campaign, first session brand (A).
   */
  const range = { from: '2026-01-01', to: '2026-03-01' };
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
    await loadSessions(store, [
      { id: 'l6', visitor: 'w6', at: '2026-02-19 09:00', campaign: 'brand', contact: 'L6', events: [[0, 'pageview', '/']] },
    ]);
    const lead = (id: string, day: string, campaign: string | null): StoredRow => ({
      contact_id: id,
      created_at: utc(`${day} 12:00`),
      campaign,
    });
    await load(store, 'contacts', [
      lead('L1', '2026-01-10', 'spring'),
      lead('L2', '2026-01-20', 'brand'),
      lead('L3', '2026-02-05', 'winter'),
      lead('L4', '2026-02-10', null),
      lead('L5', '2026-02-12', 'retarget'),
      lead('L6', '2026-02-20', null),
    ]);
    const spend = (date: string, amount: number, campaign: string, vendor: string, department = 'marketing'): StoredRow => ({
      date,
      amount,
      channel: 'Paid Search',
      campaign,
      category: 'advertising',
      department,
      program: 'digital',
      vendor,
    });
    await load(store, 'spend', [
      spend('2025-12-01', 50, 'winter', 'B'),
      spend('2026-01-05', 400, 'spring', 'A'),
      spend('2026-01-06', 100, 'spring', 'B'),
      spend('2026-02-01', 300, 'brand', 'A'),
      spend('2026-02-02', 200, '', ''),
      spend('2026-02-03', 999, 'retarget', 'C', 'sales'),
    ]);
  });
  afterAll(async () => store.close());

  it('in total: all marketing spend over all leads', async () => {
    const total = await runQuery(store, { metrics: ['cost_per_lead'], ...range });
    expectValue(total.rows[0]?.cost_per_lead, 1000 / 6);
    const months = await runQuery(store, { metrics: ['cost_per_lead'], ...range, grain: 'month' });
    expect(months.rows).toEqual([
      { period: '2026-01-01', cost_per_lead: 500 / 2 },
      { period: '2026-02-01', cost_per_lead: 500 / 4 },
    ]);
  });

  it('by vendor: its spend over the leads of the campaigns it billed', async () => {
    const { rows } = await runQuery(store, { metrics: ['cost_per_lead', 'marketing_spend'], ...range, dimensions: ['vendor'] });
    expect(rows).toEqual([
      { vendor: '(none)', cost_per_lead: 200 / 2, marketing_spend: 200 }, // L4, L5
      { vendor: 'A', cost_per_lead: 700 / 3, marketing_spend: 700 }, // L1, L2, L6
      { vendor: 'B', cost_per_lead: 100 / 2, marketing_spend: 100 }, // L1, L3
      { vendor: 'C', cost_per_lead: null, marketing_spend: 0 }, // sales spend only
    ]);
    // Leads per vendor are not a breakdown of leads: L1 counts for A and B.
    await expect(runQuery(store, { metrics: ['leads'], ...range, dimensions: ['vendor'] })).rejects.toThrow(/'vendor' not allowed/);
    const months = await runQuery(store, { metrics: ['cost_per_lead'], ...range, grain: 'month', dimensions: ['vendor'] });
    expect(months.rows).toEqual([
      { period: '2026-01-01', vendor: 'A', cost_per_lead: 400 / 2 }, // L1, L2
      { period: '2026-01-01', vendor: 'B', cost_per_lead: 100 / 1 }, // L1
      { period: '2026-02-01', vendor: '(none)', cost_per_lead: 200 / 2 },
      { period: '2026-02-01', vendor: 'A', cost_per_lead: 300 / 1 }, // L6
      { period: '2026-02-01', vendor: 'B', cost_per_lead: 0 / 1 }, // L3, no spend in February
      { period: '2026-02-01', vendor: 'C', cost_per_lead: null },
    ]);
  });

  it('filtered to one vendor', async () => {
    const { rows } = await runQuery(store, {
      metrics: ['cost_per_lead'],
      ...range,
      filters: [{ dimension: 'vendor', op: 'equals', value: 'B' }],
    });
    expect(rows).toEqual([{ cost_per_lead: 100 / 2 }]);
  });
});

describe('roi_net_of_baseline', () => {
  /*
   * Orders (p: Paid Search buyer, o: Organic Search buyer, –: no contact, organic):
   * 2025-08-15 o 100 · 2025-12-10 o 200 · 2026-01-10 o 300 · 2026-02-10 p 1000 · 2026-03-10 o 400 ·
   * 2026-03-20 p 600 · 2026-04-10 p 2000 · 2026-04-15 – 500 · 2026-05-10 p 3000 · 2026-05-20 o 700.
   * Marketing spend: 2026-03-01 300 · 2026-04-05 800 · 2026-05-05 1000.
   */
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
    await load(store, 'contacts', [
      { contact_id: 'p', created_at: utc('2025-01-01 00:00'), channel: 'Paid Search' },
      { contact_id: 'o', created_at: utc('2025-01-01 00:00'), channel: 'Organic Search' },
    ]);
    const order = (id: string, who: string | null, day: string, amount: number): StoredRow => ({
      order_id: id,
      contact_id: who,
      timestamp: utc(`${day} 12:00`),
      amount,
    });
    await load(store, 'orders', [
      order('1', 'o', '2025-08-15', 100),
      order('2', 'o', '2025-12-10', 200),
      order('3', 'o', '2026-01-10', 300),
      order('4', 'p', '2026-02-10', 1000),
      order('5', 'o', '2026-03-10', 400),
      order('6', 'p', '2026-03-20', 600),
      order('7', 'p', '2026-04-10', 2000),
      order('8', null, '2026-04-15', 500),
      order('9', 'p', '2026-05-10', 3000),
      order('10', 'o', '2026-05-20', 700),
    ]);
    const spend = (date: string, amount: number): StoredRow => ({ date, amount, channel: 'Paid Search', department: 'marketing' });
    await load(store, 'spend', [spend('2026-03-01', 300), spend('2026-04-05', 800), spend('2026-05-05', 1000)]);
  });
  afterAll(async () => store.close());

  it('over April–May: growth on February–March, organic trend from August–September 2025 to February–March', async () => {
    const { rows } = await runQuery(store, {
      metrics: ['roi_net_of_baseline'],
      from: '2026-04-01',
      to: '2026-06-01',
      comparison: 'previous',
    });
    // revenue 6200 − 2000 = 4200; organic (400 − 100) / 3 = 100; spend 1800
    expectValue(rows[0]?.roi_net_of_baseline, (4200 - 100 - 1800) / 1800);
    // February–March: revenue 2000 − (200 + 300); organic before: Dec–Jan 500, Jun–Jul 2025 0; spend 300
    expectValue(rows[0]?.roi_net_of_baseline_previous, (1500 - 500 / 3 - 300) / 300);
  });

  it('by month: each month against the month before, organic trend over the three months before that', async () => {
    const { rows } = await runQuery(store, { metrics: ['roi_net_of_baseline'], from: '2026-04-01', to: '2026-06-01', grain: 'month' });
    expect(rows.map((r) => r.period)).toEqual(['2026-04-01', '2026-05-01']);
    // April: revenue 2500 − 1000 (March); organic March 400, December 200; spend 800
    expectValue(rows[0]?.roi_net_of_baseline, (1500 - (400 - 200) / 3 - 800) / 800);
    // May: revenue 3700 − 2500 (April); organic April 500 (no contact), January 300; spend 1000
    expectValue(rows[1]?.roi_net_of_baseline, (1200 - (500 - 300) / 3 - 1000) / 1000);
  });

  it('is a total: no breakdown', async () => {
    await expect(
      runQuery(store, { metrics: ['roi_net_of_baseline'], from: '2026-04-01', to: '2026-06-01', dimensions: ['channel'] }),
    ).rejects.toThrow(/'channel' not allowed/);
  });
});
