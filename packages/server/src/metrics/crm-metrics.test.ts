import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { loadCrm } from './fixture-crm.ts';
import { runQuery } from './run-query.ts';
import { openTestStore } from './test-fixtures.ts';

let store: Store;
const q1 = { from: '2026-01-01', to: '2026-04-01' };
const Y = 365.25;

beforeAll(async () => {
  store = await openTestStore();
  await loadCrm(store);
});
afterAll(async () => store.close());

function expectValue(actual: unknown, expected: number | null) {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 6);
}

describe('funnel, revenue and customer metrics on the Q1 CRM fixture', () => {
  it.each([
    // [metric, Q1, [January, February, March]]
    ['leads', 3, [2, 0, 1]], // a, b | – | e
    ['mqls', 3, [2, 1, 0]], // a, c | b (jumped to sql)
    ['sqls', 3, [0, 2, 1]], // – | a, b | c (via opportunity)
    ['sals', 2, [0, 1, 1]], // a (via customer) | c (via opportunity)
    ['opportunities', 2, [0, 1, 1]],
    ['new_customers', 2, [0, 1, 1]], // a | c
    ['lead_to_mql_rate', 2 / 3, [2 / 2, null, 0 / 1]], // leads a, b reached mql; e not
    ['mql_to_sql_rate', 3 / 3, [2 / 2, 1 / 1, null]],
    ['sql_to_sal_rate', 2 / 3, [null, 1 / 2, 1 / 1]], // b never reached sal
    ['sql_to_customer_rate', 2 / 3, [null, 1 / 2, 1 / 1]],
    ['sal_to_customer_rate', 2 / 2, [null, 1, 1]],
    ['opportunity_to_customer_rate', 2 / 2, [null, 1, 1]],
    ['lead_conversion_rate', 1 / 3, [1 / 2, null, 0 / 1]], // of a, b, e only a became a customer
    ['opportunity_win_rate', 2 / 3, [null, 1 / 1, 1 / 2]], // D1 won | D2 lost, D3 won
    ['sales_cycle_days', (41 + 100) / 2, [null, 41, 100]], // a: 01-10 → 02-20; c: 2025-12-15 → 03-25
    ['sales_revenue', 4600, [200, 1100, 3300]], // O1 | D1 + O3 | D3 + O2
    ['marketing_spend', 1100, [600, 300, 200]],
    ['sales_spend', 900, [0, 0, 900]],
    ['cac', (1100 + 900) / 2, [null, 300 / 1, (200 + 900) / 1]],
    ['cost_per_lead', 1100 / 3, [600 / 2, null, 200 / 1]],
    ['attributed_revenue', 4600, [200, 1100, 3300]],
    ['roi', (4600 - 1100) / 1100, [(200 - 600) / 600, (1100 - 300) / 300, (3300 - 200) / 200]],
    ['romi', (4600 - 1100) / 1100, [(200 - 600) / 600, (1100 - 300) / 300, (3300 - 200) / 200]],
    ['roas', 4600 / 800, [200 / 600, null, 3300 / 200]], // ad spend: advertising rows only
    ['social_lead_conversions', 2, [2, 0, 0]], // a (instagram), b (facebook)
    ['social_customer_conversions', 1, [0, 1, 0]], // a
    // customers active: f since 2025-10-01, d 2025-12-01 → 02-10, a from 02-20, c from 03-25
    ['customers', 3, [2, 2, 3]],
    ['churn_rate', 1 / 2, [0 / 2, 1 / 2, 0 / 2]], // d churned in February; start: d, f | d, f | f, a
    ['retention_rate', 1 / 2, [2 / 2, 1 / 2, 2 / 2]],
    ['dropped_contacts', 2, [0, 1, 1]], // g inactive 02-13 | b lost 03-01
    ['dropped_lost', 1, [0, 0, 1]],
    ['dropped_inactive', 1, [0, 1, 0]],
  ] as const)('%s', async (metric, all, months) => {
    const total = await runQuery(store, { metrics: [metric], ...q1 });
    expectValue(total.rows[0]?.[metric], all);
    const { rows } = await runQuery(store, { metrics: [metric], ...q1, grain: 'month' });
    expect(rows.map((r) => r.period)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    rows.forEach((row, i) => {
      expectValue(row[metric], months[i] ?? null);
    });
  });

  it('ltv: average purchase × purchases per customer per year × lifespan', async () => {
    // Q1 (90 days): revenue 4600 over 5 purchases by 4 buyers (a, c, f, order O3);
    // churn 1 of 2 customers at start → annual churn 0.5 × 365.25/90, lifespan its inverse.
    // 920 × (5/4 × 365.25/90) × (90 / (0.5 × 365.25)) = 920 × 1.25 × 2 = 2300
    const total = await runQuery(store, { metrics: ['ltv', 'ltv_cac_ratio'], ...q1 });
    expectValue(total.rows[0]?.ltv, 2300);
    expectValue(total.rows[0]?.ltv_cac_ratio, 2300 / 1000);
    const { rows } = await runQuery(store, { metrics: ['ltv', 'ltv_cac_ratio'], ...q1, grain: 'month' });
    // January: 200 by f alone, nobody lost → lifespan capped at 10 years: 200 × 365.25/31 × 10
    expectValue(rows[0]?.ltv, 200 * (Y / 31) * 10);
    expectValue(rows[0]?.ltv_cac_ratio, null); // no new customer: CAC is null
    // February: 1100 over D1 and O3 (2 buyers) → 550 × (365.25/28) × 28/(0.5 × 365.25) = 1100
    expectValue(rows[1]?.ltv, 1100);
    expectValue(rows[1]?.ltv_cac_ratio, 1100 / 300);
    // March: 3300 over D3 and O2 (c, f), no churn → 1650 × 365.25/31 × 10
    expectValue(rows[2]?.ltv, 1650 * (Y / 31) * 10);
  });

  it('breaks down leads by original channel and owner; parts sum to the total', async () => {
    const channels = await runQuery(store, { metrics: ['leads', 'new_customers'], ...q1, dimensions: ['channel'] });
    expect(channels.rows).toEqual([
      { channel: 'Organic Social', leads: 1, new_customers: 0 },
      { channel: 'Paid Search', leads: 1, new_customers: 0 },
      { channel: 'Paid Social', leads: 1, new_customers: 1 },
      { channel: 'Referral', leads: 0, new_customers: 1 },
    ]);
    const owners = await runQuery(store, { metrics: ['leads'], ...q1, dimensions: ['owner'] });
    expect(owners.rows).toEqual([
      { owner: 'ann', leads: 2 },
      { owner: 'bob', leads: 1 },
    ]);
  });

  it('sales revenue by owner: the deal owner, else the contact owner, else (none)', async () => {
    const { rows } = await runQuery(store, { metrics: ['sales_revenue'], ...q1, dimensions: ['owner'] });
    expect(rows).toEqual([
      { owner: '(none)', sales_revenue: 100 },
      { owner: 'ann', sales_revenue: 1000 + 200 + 300 },
      { owner: 'carl', sales_revenue: 3000 },
    ]);
  });

  it('attributed revenue by channel: last non-direct touch, else original channel, else (none)', async () => {
    const { rows } = await runQuery(store, { metrics: ['attributed_revenue', 'roas', 'roi'], ...q1, dimensions: ['channel'] });
    expect(rows).toEqual([
      { channel: '(none)', attributed_revenue: 100, roas: null, roi: null },
      { channel: 'Direct', attributed_revenue: 500, roas: null, roi: null }, // f has no sessions: original Direct
      { channel: 'Organic Social', attributed_revenue: 0, roas: null, roi: -1 }, // spend 300, no revenue
      { channel: 'Paid Search', attributed_revenue: 1000, roas: 1000 / 800, roi: (1000 - 800) / 800 }, // a: 02-01 session
      { channel: 'Referral', attributed_revenue: 3000, roas: null, roi: null },
    ]);
  });

  it('cac by program and cost per lead by channel', async () => {
    const cac = await runQuery(store, { metrics: ['cac'], ...q1, dimensions: ['program'] });
    expect(cac.rows).toEqual([
      { program: 'digital', cac: 1100 / 1 }, // a
      { program: 'outbound', cac: 900 / 1 }, // c
    ]);
    const cpl = await runQuery(store, {
      metrics: ['cost_per_lead'],
      ...q1,
      dimensions: ['channel'],
      filters: [{ dimension: 'channel', op: 'equals', value: 'Paid Search' }],
    });
    expect(cpl.rows).toEqual([{ channel: 'Paid Search', cost_per_lead: 800 / 1 }]); // e
  });

  it('social conversions by network, win rate by owner, customers by channel', async () => {
    const social = await runQuery(store, { metrics: ['social_lead_conversions'], ...q1, dimensions: ['network'] });
    expect(social.rows).toContainEqual({ network: 'facebook', social_lead_conversions: 1 });
    expect(social.rows).toContainEqual({ network: 'instagram', social_lead_conversions: 1 });
    const win = await runQuery(store, { metrics: ['opportunity_win_rate'], ...q1, dimensions: ['owner'] });
    expect(win.rows).toEqual([
      { owner: 'ann', opportunity_win_rate: 1 },
      { owner: 'bob', opportunity_win_rate: 0 },
      { owner: 'carl', opportunity_win_rate: 1 },
    ]);
    const customers = await runQuery(store, { metrics: ['customers', 'churn_rate'], ...q1, dimensions: ['channel'] });
    expect(customers.rows).toEqual([
      { channel: 'Direct', customers: 1, churn_rate: 1 / 2 }, // f stays, d churns
      { channel: 'Paid Social', customers: 1, churn_rate: null }, // a, no customers at start
      { channel: 'Referral', customers: 1, churn_rate: null },
    ]);
  });

  it('comparison values of running and before-the-bucket measures equal the query on the previous range', async () => {
    const metrics = ['churn_rate', 'retention_rate', 'customers', 'ltv'];
    for (const grain of ['all', 'month'] as const) {
      const { rows } = await runQuery(store, { metrics, from: '2026-02-01', to: '2026-04-01', grain, comparison: 'previous' });
      const before = await runQuery(store, { metrics, from: '2025-12-01', to: '2026-02-01', grain });
      rows.forEach((row, i) => {
        for (const m of metrics) expect(row[`${m}_previous`]).toEqual(before.rows[i]?.[m]);
      });
    }
  });

  it('funnel_dropoff lists stages in lifecycle order', async () => {
    const { rows } = await runQuery(store, { metrics: ['funnel_dropoff'], ...q1 });
    expect(rows).toEqual([
      { stage: 'mql', dropped: 1, lost: 0, inactive: 1 }, // g
      { stage: 'sql', dropped: 1, lost: 1, inactive: 0 }, // b
    ]);
  });
});
