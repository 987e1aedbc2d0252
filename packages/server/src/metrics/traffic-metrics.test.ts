import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { WEB_SESSIONS } from './fixture-web.ts';
import { runQuery } from './run-query.ts';
import { load, loadSessions, openTestStore, utc } from './test-fixtures.ts';

let store: Store;
const range = { from: '2026-01-01', to: '2026-03-01' };

beforeAll(async () => {
  store = await openTestStore();
  await loadSessions(store, WEB_SESSIONS);
  await load(store, 'contacts', [{ contact_id: 'c3', created_at: utc('2026-02-10 12:03') }]);
});
afterAll(async () => store.close());

async function total(metric: string, extra: Record<string, unknown> = {}) {
  const { rows } = await runQuery(store, { metrics: [metric], ...range, ...extra });
  return rows[0]?.[metric];
}

async function monthly(metric: string) {
  const { rows } = await runQuery(store, { metrics: [metric], ...range, grain: 'month' });
  return rows.map((r) => [r.period, r[metric]]);
}

describe('traffic and conversion metrics on the five-session fixture', () => {
  it.each([
    // [metric, grain all, [January, February]]
    ['sessions', 5, [3, 2]],
    ['visitors', 4, [2, 2]], // v1 (twice), v2 | v3, v4
    ['pageviews', 7, [5, 2]], // 2+1+2 | 1+1
    ['organic_traffic', 1, [1, 0]],
    ['referral_traffic', 1, [0, 1]],
    ['social_traffic', 2, [1, 1]], // s3 | s5
    ['social_traffic_share', 2 / 5, [1 / 3, 1 / 2]],
    ['mobile_traffic', 2, [2, 0]], // s2, s3 (s5 is a tablet)
    ['mobile_share', 2 / 5, [2 / 3, 0]],
    ['bounce_rate', 2 / 5, [1 / 3, 1 / 2]], // s2 | s5; s4 has one pageview but converted
    ['pages_per_session', 7 / 5, [5 / 3, 2 / 2]],
    ['avg_session_duration', (300 + 0 + 600 + 180 + 60) / 5, [(300 + 0 + 600) / 3, (180 + 60) / 2]],
    ['scroll_depth', (0.8 + 0.5) / 2, [0.8, 0.5]],
    ['conversions', 2, [1, 1]], // s1 goal | s4 form_submit
    ['conversion_rate', 2 / 5, [1 / 3, 1 / 2]],
    ['landing_page_conversion_rate', 2 / 5, [1 / 3, 1 / 2]],
    ['form_conversion_rate', 1 / 1, [null, 1]], // no form views in January: 0/0 is null
    ['mobile_conversion_rate', 0 / 2, [0, null]],
    ['mobile_conversions', 0, [0, 0]],
    ['traffic_to_lead_ratio', 1 / 5, [0, 1 / 2]], // c3 created during s4
  ] as const)('%s', async (metric, all, [jan, feb]) => {
    const value = await total(metric);
    if (all === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(all, 10);
    const series = await monthly(metric);
    expect(series.map(([p]) => p)).toEqual(['2026-01-01', '2026-02-01']);
    series.forEach(([, v], i) => {
      const want = [jan, feb][i];
      if (want === null) expect(v).toBeNull();
      else expect(v).toBeCloseTo(want as number, 10);
    });
  });

  it('breaks sessions down by channel, every session under exactly one', async () => {
    const { rows } = await runQuery(store, { metrics: ['sessions', 'bounce_rate'], ...range, dimensions: ['channel'] });
    expect(rows).toEqual([
      { channel: 'Direct', sessions: 1, bounce_rate: 1 },
      { channel: 'Organic Search', sessions: 1, bounce_rate: 0 },
      { channel: 'Organic Social', sessions: 1, bounce_rate: 0 },
      { channel: 'Paid Social', sessions: 1, bounce_rate: 1 },
      { channel: 'Referral', sessions: 1, bounce_rate: 0 },
    ]);
  });

  it('conversion rate per landing page: /home 1 of 3, /blog 0 of 1, /pricing 1 of 1', async () => {
    const { rows } = await runQuery(store, { metrics: ['landing_page_conversion_rate'], ...range, dimensions: ['landing_page'] });
    expect(rows).toEqual([
      { landing_page: '/blog', landing_page_conversion_rate: 0 },
      { landing_page: '/home', landing_page_conversion_rate: 1 / 3 },
      { landing_page: '/pricing', landing_page_conversion_rate: 1 },
    ]);
  });

  it('view-to-contact rate per page: /pricing viewed in s1, s3, s4; s4 created c3', async () => {
    const { rows } = await runQuery(store, { metrics: ['view_to_contact_rate'], ...range, dimensions: ['page'] });
    expect(rows).toEqual([
      { page: '/blog', view_to_contact_rate: 0 },
      { page: '/home', view_to_contact_rate: 0 },
      { page: '/pricing', view_to_contact_rate: 1 / 3 },
    ]);
  });

  it('social traffic by network and unknown devices models under (none)', async () => {
    const social = await runQuery(store, {
      metrics: ['social_traffic'],
      ...range,
      dimensions: ['network'],
      filters: [{ dimension: 'channel', op: 'in', values: ['Organic Social', 'Paid Social'] }],
    });
    expect(social.rows).toEqual([
      { network: 'facebook', social_traffic: 1 },
      { network: 'instagram', social_traffic: 1 },
    ]);
    const models = await runQuery(store, { metrics: ['sessions'], ...range, dimensions: ['device_model'] });
    expect(models.rows).toContainEqual({ device_model: '(none)', sessions: 2 });
  });

  it('scroll depth by page and form conversion by form', async () => {
    const scroll = await runQuery(store, { metrics: ['scroll_depth'], ...range, dimensions: ['page'] });
    expect(scroll.rows).toEqual([
      { page: '/blog', scroll_depth: 0.8 },
      { page: '/home', scroll_depth: 0.5 },
    ]);
    const forms = await runQuery(store, { metrics: ['form_conversion_rate'], ...range, dimensions: ['form'] });
    expect(forms.rows).toEqual([{ form: 'contact', form_conversion_rate: 1 }]);
  });

  it('moves the 23:30 UTC session of Jan 31 into February in Europe/Warsaw', async () => {
    const { rows } = await runQuery(store, { metrics: ['sessions'], ...range, grain: 'month', timezone: 'Europe/Warsaw' });
    expect(rows).toEqual([
      { period: '2026-01-01', sessions: 2 },
      { period: '2026-02-01', sessions: 3 },
    ]);
  });

  it('filters with contains and compares with the previous period', async () => {
    const { rows } = await runQuery(store, {
      metrics: ['sessions'],
      from: '2026-02-01',
      to: '2026-03-01',
      comparison: 'previous',
      filters: [{ dimension: 'channel', op: 'contains', value: 'social' }],
    });
    expect(rows).toEqual([{ sessions: 1, sessions_previous: 1 }]); // s5 | s3
  });
});
