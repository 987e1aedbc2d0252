import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { loadCrm } from './fixture-crm.ts';
import { WEB_SESSIONS } from './fixture-web.ts';
import { runQuery } from './run-query.ts';
import { load, loadSessions, openTestStore, type SessionSpec, utc } from './test-fixtures.ts';

let web: Store;
let crm: Store;
const range = { from: '2026-01-01', to: '2026-03-01' };

/** Experiment hero: 10 control visitors (2 convert), 10 on b (5 convert; y5's goal precedes exposure). */
function experimentSessions(): SessionSpec[] {
  const sessions: SessionSpec[] = [];
  for (let i = 0; i < 10; i++) {
    const exposure = (variant: string) => ({ experiment: 'hero', variant });
    sessions.push({
      id: `x${i}`,
      visitor: `x${i}`,
      at: '2026-01-10 10:00',
      events: [[0, 'pageview', '/', exposure('control')], ...(i < 2 ? [[60, 'goal', 'signup'] as [number, string, string]] : [])],
    });
    const b: SessionSpec['events'] =
      i === 5
        ? [
            [0, 'goal', 'signup'],
            [60, 'pageview', '/', exposure('b')],
          ]
        : [[0, 'pageview', '/', exposure('b')]];
    if (i < 5) b.push([60, 'goal', 'signup']);
    sessions.push({ id: `y${i}`, visitor: `y${i}`, at: '2026-01-11 10:00', events: b });
  }
  return sessions;
}

beforeAll(async () => {
  web = await openTestStore();
  await loadSessions(web, [...WEB_SESSIONS, ...experimentSessions()]);
  await load(web, 'contacts', [{ contact_id: 'c3', created_at: utc('2026-02-10 12:03') }]);
  await load(web, 'budget', [
    { month: '2026-01-01', amount: 500, channel: 'Paid Search', department: 'marketing' },
    { month: '2026-02-01', amount: 500, channel: 'Paid Search', department: 'marketing' },
    { month: '2026-01-01', amount: 200, channel: 'Organic Social', department: 'marketing' },
  ]);
  await load(web, 'spend', [
    {
      date: '2026-01-10',
      amount: 600,
      channel: 'Paid Search',
      campaign: '',
      category: 'advertising',
      department: 'marketing',
      program: 'digital',
      vendor: '',
    },
    {
      date: '2026-02-10',
      amount: 300,
      channel: 'Organic Social',
      campaign: '',
      category: 'content',
      department: 'marketing',
      program: 'digital',
      vendor: '',
    },
  ]);
  crm = await openTestStore();
  await loadCrm(crm);
});
afterAll(async () => {
  await web.close();
  await crm.close();
});

const webOnly = [{ dimension: 'landing_page', op: 'in' as const, values: ['/home', '/blog', '/pricing'] }];

describe('table metrics', () => {
  it('top_entry_pages: landing pages by sessions with bounce and conversion rates', async () => {
    const { rows } = await runQuery(web, { metrics: ['top_entry_pages'], ...range, filters: webOnly });
    expect(rows).toEqual([
      { landing_page: '/home', sessions: 3, bounce_rate: 2 / 3, conversion_rate: 1 / 3 }, // s1, s2, s5
      { landing_page: '/blog', sessions: 1, bounce_rate: 0, conversion_rate: 0 },
      { landing_page: '/pricing', sessions: 1, bounce_rate: 0, conversion_rate: 1 },
    ]);
    const monthly = await runQuery(web, { metrics: ['top_entry_pages'], ...range, filters: webOnly, grain: 'month', limit: 1 });
    expect(monthly.rows).toEqual([
      { period: '2026-01-01', landing_page: '/home', sessions: 2, bounce_rate: 1 / 2, conversion_rate: 1 / 2 },
      { period: '2026-02-01', landing_page: '/home', sessions: 1, bounce_rate: 1, conversion_rate: 0 }, // tie with /pricing: by name
    ]);
  });

  it('pages_to_optimize: highest bounce first, then lowest view-to-contact rate, with enough sessions', async () => {
    const { rows } = await runQuery(web, { metrics: ['pages_to_optimize'], ...range, filters: webOnly, options: { min_sessions: 1 } });
    expect(rows).toEqual([
      { page: '/home', sessions: 3, bounce_rate: 2 / 3, view_to_contact_rate: 0 },
      { page: '/blog', sessions: 1, bounce_rate: 0, view_to_contact_rate: 0 },
      { page: '/pricing', sessions: 3, bounce_rate: 0, view_to_contact_rate: 1 / 3 },
    ]);
    const enough = await runQuery(web, { metrics: ['pages_to_optimize'], ...range, filters: webOnly, options: { min_sessions: 2 } });
    expect(enough.rows.map((r) => r.page)).toEqual(['/home', '/pricing']);
  });

  it('popular_devices: mobile and tablet models by sessions', async () => {
    const { rows } = await runQuery(web, { metrics: ['popular_devices'], ...range });
    expect(rows).toEqual([
      { device_model: 'iPad', os: 'iPadOS', sessions: 1 },
      { device_model: 'iPhone', os: 'iOS', sessions: 1 },
      { device_model: 'Pixel 8', os: 'Android', sessions: 1 },
    ]);
  });

  it('budget_vs_actual: per month and channel', async () => {
    const { rows } = await runQuery(web, { metrics: ['budget_vs_actual'], ...range });
    expect(rows).toEqual([
      { period: '2026-01-01', channel: 'Paid Search', budget: 500, actual: 600, variance: 100, variance_rate: 0.2 },
      { period: '2026-01-01', channel: 'Organic Social', budget: 200, actual: 0, variance: -200, variance_rate: -1 },
      { period: '2026-02-01', channel: 'Organic Social', budget: 0, actual: 300, variance: 300, variance_rate: null },
      { period: '2026-02-01', channel: 'Paid Search', budget: 500, actual: 0, variance: -500, variance_rate: -1 },
    ]);
    const all = await runQuery(web, { metrics: ['budget_vs_actual'], ...range, grain: 'all' });
    expect(all.rows).toContainEqual({ channel: 'Paid Search', budget: 1000, actual: 600, variance: -400, variance_rate: -0.4 });
  });

  it('ab_test: rates, uplift, z-test and a verdict once the planned sample is reached', async () => {
    const { rows } = await runQuery(web, { metrics: ['ab_test'], ...range, options: { sample_size: 10 } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      experiment: 'hero',
      variant: 'control',
      control: true,
      visitors: 10,
      conversions: 2,
      conversion_rate: 0.2,
      verdict: null,
    });
    const b = rows[1] ?? {};
    expect(b).toMatchObject({ variant: 'b', visitors: 10, conversions: 5, conversion_rate: 0.5, planned_sample_size: 10 });
    expect(b.uplift).toBeCloseTo((0.5 - 0.2) / 0.2, 10);
    // pooled p = 7/20 = 0.35, SE = √(0.35 × 0.65 × (1/10 + 1/10)) = 0.2133073, z = 0.3 / 0.2133073 = 1.406422,
    // p = 2 (1 − Φ(1.406422)) = 2 × 0.0797995 = 0.159599
    expect(b.p_value).toBeCloseTo(0.159599, 5);
    // unpooled SE = √(0.2·0.8/10 + 0.5·0.5/10) = 0.2024846; 0.3 ± 1.959964 × 0.2024846
    expect(b.ci_low).toBeCloseTo(0.3 - 1.959964 * 0.2024846, 5);
    expect(b.ci_high).toBeCloseTo(0.3 + 1.959964 * 0.2024846, 5);
    expect(b.verdict).toBe('no_difference');
    // Default plan: 0.2 → 0.22 (10 % relative) at 80 % power needs thousands of visitors: no verdict yet.
    const early = await runQuery(web, { metrics: ['ab_test'], ...range });
    expect(early.rows[1]?.verdict).toBeNull();
    expect(early.rows[1]?.planned_sample_size).toBeGreaterThan(6000);
  });

  it('cohort_retention: share of each monthly customer cohort still active', async () => {
    const { rows } = await runQuery(crm, { metrics: ['cohort_retention'], from: '2025-10-01', to: '2026-04-01' });
    const cohort = (period: string) => rows.filter((r) => r.period === period).map((r) => [r.months_since, r.active, r.cohort_retention]);
    expect(cohort('2025-10-01')).toEqual([0, 1, 2, 3, 4, 5].map((k) => [k, 1, 1])); // f never churns
    expect(cohort('2025-12-01')).toEqual([
      [0, 1, 1],
      [1, 1, 1],
      [2, 0, 0],
      [3, 0, 0],
    ]); // d churned in Feb (month 2)
    expect(cohort('2026-02-01')).toEqual([
      [0, 1, 1],
      [1, 1, 1],
    ]); // a
    expect(cohort('2026-03-01')).toEqual([[0, 1, 1]]); // c
    const byChannel = await runQuery(crm, { metrics: ['cohort_retention'], from: '2025-12-01', to: '2026-02-01', dimensions: ['channel'] });
    expect(byChannel.rows).toEqual([
      { period: '2025-12-01', channel: 'Direct', months_since: 0, customers: 1, active: 1, cohort_retention: 1 },
      { period: '2025-12-01', channel: 'Direct', months_since: 1, customers: 1, active: 1, cohort_retention: 1 },
    ]);
  });
});
