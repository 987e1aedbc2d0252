import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { runQuery } from './run-query.ts';
import { load, openTestStore, utc } from './test-fixtures.ts';

let store: Store;
const range = { from: '2026-01-01', to: '2026-03-01' };

const social = (network: string, date: string, followers: number, impressions: number, likes: number, rest = 0) => ({
  date,
  network,
  followers,
  impressions,
  likes,
  shares: rest,
  comments: 0,
  messages: 0,
  mentions: 0,
});

beforeAll(async () => {
  store = await openTestStore();
  await load(store, 'social', [
    social('facebook', '2025-12-31', 100, 0, 0), // before the range: the start value
    { ...social('facebook', '2026-01-15', 110, 1000, 10, 5), comments: 3, messages: 1, mentions: 1 }, // engagement 20
    social('facebook', '2026-02-10', 130, 0, 4), // engagement 4, no impressions
    social('instagram', '2026-01-20', 50, 500, 30), // engagement 30
    social('instagram', '2026-02-20', 40, 200, 10), // engagement 10
  ]);
  const nps = (id: string, day: string, score: number) => ({ response_id: id, timestamp: utc(`${day} 10:00`), score });
  await load(store, 'nps', [
    nps('r1', '2026-01-05', 10),
    nps('r2', '2026-01-06', 9),
    nps('r3', '2026-01-07', 7),
    nps('r4', '2026-01-08', 3),
    nps('r5', '2026-02-01', 6),
    nps('r6', '2026-02-02', 10),
  ]);
  await load(store, 'marketing_events', [
    { marketing_event_id: 'E1', name: 'Webinar A', date: '2026-01-20', registrations: 100, attendees: 40, channel: 'webinar' },
    { marketing_event_id: 'E2', name: 'Conference B', date: '2026-02-15', registrations: 50, attendees: 45, channel: 'conference' },
  ]);
  await load(store, 'keywords', [
    { date: '2026-01-10', keyword: 'crm tool', position: 3, url: '/a', clicks: 10, impressions: 100 },
    { date: '2026-01-11', keyword: 'crm tool', position: 5, url: '/a', clicks: 5, impressions: 300 },
    { date: '2026-02-05', keyword: 'kpi', position: 8, url: '/b', clicks: 0, impressions: 0 },
  ]);
});
afterAll(async () => store.close());

function expectValue(actual: unknown, expected: number | null) {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 8);
}

describe('social, NPS, events and search metrics', () => {
  it.each([
    // [metric, Jan–Feb, [January, February]]
    ['followers', 130 + 40, [110 + 50, 130 + 40]], // latest snapshot inside, per network
    // start: facebook 100 (2025-12-31), instagram none before → first inside 50
    ['follower_growth', (170 - 150) / 150, [(160 - 150) / 150, (170 - (110 + 50)) / (110 + 50)]],
    ['engagement', 20 + 4 + 30 + 10, [50, 14]],
    ['engagement_rate', 64 / 1700, [50 / 1500, 14 / 200]],
    ['nps', (100 * (3 - 2)) / 6, [(100 * (2 - 1)) / 4, (100 * (1 - 1)) / 2]], // promoters 10, 9 | 10; detractors 3 | 6
    ['nps_responses', 6, [4, 2]],
    ['event_registrations', 150, [100, 50]],
    ['event_attendance', 85, [40, 45]],
    ['attendance_rate', 85 / 150, [40 / 100, 45 / 50]],
    // impressions-weighted: (3×100 + 5×300) / 400; February has no impressions → plain mean of 8
    ['keyword_position', (3 * 100 + 5 * 300) / 400, [4.5, 8]],
    ['search_clicks', 15, [15, 0]],
  ] as const)('%s', async (metric, all, months) => {
    const total = await runQuery(store, { metrics: [metric], ...range });
    expectValue(total.rows[0]?.[metric], all);
    const { rows } = await runQuery(store, { metrics: [metric], ...range, grain: 'month' });
    expect(rows.map((r) => r.period)).toEqual(['2026-01-01', '2026-02-01']);
    rows.forEach((row, i) => {
      expectValue(row[metric], months[i] ?? null);
    });
  });

  it('followers, growth and engagement rate per network', async () => {
    const { rows } = await runQuery(store, {
      metrics: ['followers', 'follower_growth', 'engagement_rate'],
      ...range,
      dimensions: ['network'],
    });
    expect(rows).toEqual([
      { network: 'facebook', followers: 130, follower_growth: (130 - 100) / 100, engagement_rate: 24 / 1000 },
      { network: 'instagram', followers: 40, follower_growth: (40 - 50) / 50, engagement_rate: 40 / 700 },
    ]);
    const feb = await runQuery(store, {
      metrics: ['engagement_rate'],
      from: '2026-02-01',
      to: '2026-03-01',
      filters: [{ dimension: 'network', op: 'equals', value: 'facebook' }],
    });
    expectValue(feb.rows[0]?.engagement_rate, 4 / 130); // no impressions: engagement / followers
  });

  it('events and keywords broken down', async () => {
    const events = await runQuery(store, { metrics: ['event_attendance', 'attendance_rate'], ...range, dimensions: ['event'] });
    expect(events.rows).toEqual([
      { event: 'Conference B', event_attendance: 45, attendance_rate: 0.9 },
      { event: 'Webinar A', event_attendance: 40, attendance_rate: 0.4 },
    ]);
    const keywords = await runQuery(store, { metrics: ['keyword_position'], ...range, dimensions: ['keyword'] });
    expect(keywords.rows).toEqual([
      { keyword: 'crm tool', keyword_position: 4.5 },
      { keyword: 'kpi', keyword_position: 8 },
    ]);
  });
});
