import type { StoredRow } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import { loadSessions, openTestStore, type SessionSpec, utc } from '../metrics/test-fixtures.ts';
import type { Store } from '../store/store.ts';

/*
 * A workspace built for the insights, by hand (UTC), looking at March 2026 against February:
 * - leads on the 15th: Email 10, 10, 10 and Display 10, 10, 12 in January, February, March;
 * - marketing spend (advertising): Email 100, 150, 240 and Display 100, 90, 130;
 *   cost per lead: Email 10 → 15 → 24 (rising, +140 %), Display 10 → 9 → 10.83 (not);
 * - customer f0 (Email) since 2025-12-01 churns 2026-03-10; contact m1 (Email, a March lead) becomes
 *   a customer 03-20 and buys for 50: March CAC = 370 / 1; LTV = 50 × 1 purchase per buyer × (1 customer
 *   at start / 1 lost) = 50 → CAC above LTV, overall and on Email (240 / 1 vs 50);
 * - 25 sessions bounce on /pricing, 20 view /blog then /about;
 * - largest change, March vs February: marketing spend 370 vs 240 (+54.2 %), ahead of cost per lead
 *   16.82 vs 12 (+40.2 %) and leads 22 vs 20 (+10 %); NPS from 3 answers a month, 33.3 → −33.3
 *   (−66.7 points, "−200 %"), is too small a sample to headline;
 *   on Display only: spend 130 vs 90 (+44.4 %), cost per lead 10.83 vs 9, leads 12 vs 10;
 *   vs March 2025 (40 Display leads, nothing else): leads 22 vs 40 (−45 %), the only KPI with both values;
 * - January 2025 vs December 2024: 30 NPS answers each, 15 promoters + 15 passives (NPS 50) then
 *   30 promoters (NPS 100): +50 points, the only change.
 */
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  store = await openTestStore();
  const contacts: StoredRow[] = [{ contact_id: 'f0', created_at: utc('2025-11-01 10:00'), channel: 'Email' }];
  const leads: Array<[string, string, number]> = [
    ['2026-01-15', 'Email', 10],
    ['2026-02-15', 'Email', 10],
    ['2026-03-15', 'Email', 10],
    ['2026-01-15', 'Display', 10],
    ['2026-02-15', 'Display', 10],
    ['2026-03-15', 'Display', 12],
  ];
  for (const [day, channel, n] of leads) {
    for (let i = 0; i < n; i++) contacts.push({ contact_id: `${channel}-${day}-${i}`, created_at: utc(`${day} 10:00`), channel });
  }
  for (let i = 0; i < 40; i++) contacts.push({ contact_id: `y${i}`, created_at: utc('2025-03-15 10:00'), channel: 'Display' });
  contacts.push({ contact_id: 'm1', created_at: utc('2026-03-15 11:00'), channel: 'Email' });
  contacts.splice(
    contacts.findIndex((c) => c.contact_id === 'Email-2026-03-15-9'),
    1,
  ); // m1 is the 10th March Email lead
  await store.insertRows('contacts', contacts);
  await store.insertRows('stages', [
    { contact_id: 'f0', stage: 'customer', timestamp: utc('2025-12-01 10:00') },
    { contact_id: 'f0', stage: 'churned', timestamp: utc('2026-03-10 10:00') },
    { contact_id: 'm1', stage: 'customer', timestamp: utc('2026-03-20 10:00') },
  ]);
  await store.insertRows('orders', [{ order_id: 'o1', contact_id: 'm1', timestamp: utc('2026-03-20 10:00'), amount: 50 }]);
  const spend = (date: string, channel: string, amount: number): StoredRow => ({
    date,
    amount,
    channel,
    campaign: '',
    category: 'advertising',
    department: 'marketing',
    program: 'digital',
    vendor: '',
  });
  await store.insertRows('spend', [
    spend('2026-01-05', 'Email', 100),
    spend('2026-02-05', 'Email', 150),
    spend('2026-03-05', 'Email', 240),
    spend('2026-01-05', 'Display', 100),
    spend('2026-02-05', 'Display', 90),
    spend('2026-03-05', 'Display', 130),
  ]);
  const answer = (id: string, at: string, score: number): StoredRow => ({ response_id: id, timestamp: utc(at), score });
  await store.insertRows('nps', [
    ...[10, 10, 0].map((score, i) => answer(`feb${i}`, '2026-02-20 10:00', score)),
    ...[0, 0, 10].map((score, i) => answer(`mar${i}`, '2026-03-20 10:00', score)),
    ...Array.from({ length: 30 }, (_, i) => answer(`dec${i}`, '2024-12-10 10:00', i < 15 ? 10 : 8)),
    ...Array.from({ length: 30 }, (_, i) => answer(`jan${i}`, '2025-01-10 10:00', 9)),
  ]);
  const sessions: SessionSpec[] = [];
  for (let i = 0; i < 25; i++)
    sessions.push({ id: `p${i}`, visitor: `vp${i}`, at: '2026-03-10 10:00', events: [[0, 'pageview', '/pricing']] });
  for (let i = 0; i < 20; i++) {
    sessions.push({
      id: `b${i}`,
      visitor: `vb${i}`,
      at: '2026-03-11 10:00',
      events: [
        [0, 'pageview', '/blog'],
        [30, 'pageview', '/about'],
      ],
    });
  }
  await loadSessions(store, sessions);
  app = await buildApp({ store, webRoot: '/nonexistent' });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

async function insights(query = 'from=2026-03-01&to=2026-04-01') {
  const response = await app.inject({ method: 'GET', url: `/api/v1/insights?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('GET /api/v1/insights', () => {
  it('finds CAC above LTV, overall and by channel', async () => {
    const body = await insights();
    expect(body.errors).toEqual([]);
    expect(body.currency).toBe('USD');
    const found = body.insights.find((i: { kind: string }) => i.kind === 'cac_above_ltv');
    expect(found).toMatchObject({ severity: 'critical', params: { overall: true, cac: 370 } });
    expect(found.params.ltv).toBeCloseTo(50, 9);
    expect(found.params.ratio).toBeCloseTo(50 / 370, 9);
    expect(found.params.channels).toHaveLength(1);
    expect(found.params.channels[0]).toMatchObject({ channel: 'Email', cac: 240 });
    expect(found.params.channels[0].ltv).toBeCloseTo(50, 9);
    expect(found.params.channels[0].ratio).toBeCloseTo(50 / 240, 9);
  });

  it('finds channels whose cost per lead rose month on month', async () => {
    const found = (await insights()).insights.find((i: { kind: string }) => i.kind === 'rising_cost_per_lead');
    expect(found).toMatchObject({ severity: 'warning', params: { metric: 'cost_per_lead' } });
    expect(found.params.periods).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(found.params.channels).toHaveLength(1);
    expect(found.params.channels[0]).toMatchObject({ channel: 'Email', values: [10, 15, 24] });
    expect(found.params.channels[0].rise).toBeCloseTo(1.4, 9);
  });

  it('names the KPI with the largest change vs the previous period', async () => {
    const found = (await insights()).insights.find((i: { kind: string }) => i.kind === 'largest_change');
    expect(found).toMatchObject({
      severity: 'warning',
      params: {
        metric: 'marketing_spend',
        unit: 'money',
        comparison: 'previous',
        value: 370,
        previous: 240,
        changeAs: 'share',
        good: false,
      },
    });
    expect(found.params.change).toBeCloseTo(130 / 240, 9);
  });

  it('does not headline NPS −200 % from a handful of answers', async () => {
    const found = (await insights()).insights.find((i: { kind: string }) => i.kind === 'largest_change');
    expect(found.params.metric).not.toBe('nps');
  });

  it('measures a score with enough answers in points', async () => {
    const found = (await insights('from=2025-01-01&to=2025-02-01')).insights.find((i: { kind: string }) => i.kind === 'largest_change');
    expect(found).toMatchObject({
      severity: 'info',
      params: { metric: 'nps', unit: 'score', value: 100, previous: 50, changeAs: 'points', change: 50, good: true },
    });
  });

  it('compares with the same period last year when asked', async () => {
    const body = await insights('from=2026-03-01&to=2026-04-01&compare=year');
    expect(body.comparison).toBe('year');
    const found = body.insights.find((i: { kind: string }) => i.kind === 'largest_change');
    expect(found).toMatchObject({ params: { metric: 'leads', comparison: 'year', value: 22, previous: 40, good: false } });
    expect(found.params.change).toBeCloseTo(-18 / 40, 9);
  });

  it('has no largest change without a comparison', async () => {
    const body = await insights('from=2026-03-01&to=2026-04-01&compare=none');
    expect(body.insights.map((i: { kind: string }) => i.kind)).not.toContain('largest_change');
  });

  it('applies the filters in view', async () => {
    const body = await insights('from=2026-03-01&to=2026-04-01&filter=channel=Display');
    expect(body.filters).toEqual([{ dimension: 'channel', op: 'equals', value: 'Display' }]);
    const found = body.insights.find((i: { kind: string }) => i.kind === 'largest_change');
    expect(found).toMatchObject({ params: { metric: 'marketing_spend', value: 130, previous: 90 } });
    // CAC is above LTV on Email only: nothing to say on Display.
    expect(body.insights.map((i: { kind: string }) => i.kind)).not.toContain('cac_above_ltv');
    const rising = await insights('from=2026-03-01&to=2026-04-01&filter=channel=Email&filter=campaign~spring');
    expect(rising.filters).toHaveLength(2);
  });

  it('rejects filters and comparisons /api/v1/query would reject', async () => {
    for (const query of ['filter=nonsense', 'filter=flavour=sweet', 'compare=week', 'filters=channel=Email']) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/insights?from=2026-03-01&to=2026-04-01&${query}` });
      expect(response.statusCode, query).toBe(400);
    }
  });

  it('lists the pages to optimize first', async () => {
    const found = (await insights()).insights.find((i: { kind: string }) => i.kind === 'pages_to_optimize');
    expect(found.severity).toBe('info');
    expect(found.params.pages[0]).toEqual({ page: '/pricing', sessions: 25, bounce_rate: 1, view_to_contact_rate: 0 });
  });

  it('carries no English prose: every insight is a kind and its parameters', async () => {
    for (const insight of (await insights()).insights) expect(Object.keys(insight).sort()).toEqual(['kind', 'params', 'severity']);
  });

  it('finds nothing to say about an empty period, and rejects bad ranges', async () => {
    expect((await insights('from=2025-06-01&to=2025-07-01')).insights).toEqual([]);
    for (const query of ['from=2026-04-01&to=2026-03-01', 'from=2026-02-30', 'range=all']) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/insights?${query}` });
      expect(response.statusCode).toBe(400);
    }
  });
});
