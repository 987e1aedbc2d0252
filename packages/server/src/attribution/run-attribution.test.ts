import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { openEngineStore } from '../test-harness/engine-stores.ts';
import { journeyQuery, loadJourneys, loadPathSummary, runAttribution } from './run-attribution.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1, 12);
let store: Store;

/** One pageview = one session here (session ids given), so touches are easy to follow. */
function pageview(id: string, visitor: string, day: number, channel: string, contact: string | null = null, path = '/') {
  return {
    event_id: id,
    site: 'default',
    timestamp: T0 + day * DAY,
    type: 'pageview',
    visitor_id: visitor,
    session_id: `${visitor}-${id}`,
    session_derived: false,
    contact_id: contact,
    path,
    channel,
    source: channel.toLowerCase(),
    campaign: channel === 'Paid Search' ? 'spring' : null,
  };
}

beforeAll(async () => {
  // DuckDB in memory by default; ClickHouse (single or cluster) through vitest.engines.config.ts.
  store = await openEngineStore();
  await store.insertRows('events', [
    // c1: Organic Search (day 1) > Paid Search (day 3) > Direct (day 5, identifies as c1)
    pageview('e1', 'v1', 1, 'Organic Search', null, '/blog/kpi'),
    pageview('e2', 'v1', 3, 'Paid Search', null, '/pricing'),
    pageview('e3', 'v1', 5, 'Direct', 'c1', '/contact'),
    // c2: an Email session 200 days before (outside the 90-day lookback), then Email on day 2
    pageview('e4', 'v2', -200, 'Email', 'c2'),
    pageview('e5', 'v2', 2, 'Email', 'c2'),
    // v3 never converts: a null path for Markov
    pageview('e6', 'v3', 4, 'Paid Search'),
  ]);
  await store.refreshSessions();
  await store.insertRows('contacts', [
    { contact_id: 'c1', created_at: T0 + 5 * DAY + 60_000 },
    { contact_id: 'c2', created_at: T0 + 2 * DAY + 60_000 },
  ]);
  await store.insertRows('stages', [
    { contact_id: 'c1', stage: 'opportunity', timestamp: T0 + 15 * DAY },
    { contact_id: 'c1', stage: 'customer', timestamp: T0 + 20 * DAY },
  ]);
  await store.insertRows('deals', [
    { deal_id: 'd1', contact_id: 'c1', created_at: T0 + 15 * DAY, closed_at: T0 + 20 * DAY, status: 'won', amount: 1000 },
    { deal_id: 'd2', contact_id: 'c2', created_at: T0 + 15 * DAY, closed_at: T0 + 21 * DAY, status: 'lost', amount: 500 },
  ]);
});
afterAll(async () => {
  await store.close();
});

const base = {
  conversion: 'lead' as const,
  by: 'channel' as const,
  lookbackDays: 90,
  from: '2026-01-01',
  to: '2026-02-01',
  timezone: 'UTC',
};

function credits(rows: Array<Record<string, string | number>>, key = 'channel'): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [String(r[key]), Number(r.conversions)]));
}

describe('journeys from stored data', () => {
  it('aggregates converting and non-converting paths in the engine', async () => {
    const paths = await loadPathSummary(store, journeyQuery(base));
    const sorted = paths.map((p) => [p.path.join(' > '), p.conversions, p.nulls, p.value]).sort();
    expect(sorted).toEqual([
      ['Email', 1, 0, 1],
      ['Organic Search > Paid Search > Direct', 1, 0, 1],
      ['Paid Search', 0, 1, 0],
    ]);
  });

  it('marks the lead, opportunity and close touches of a deal journey', async () => {
    const journeys = await loadJourneys(store, journeyQuery({ ...base, conversion: 'deal' }));
    expect(journeys).toHaveLength(1);
    const [journey] = journeys;
    expect(journey?.value).toBe(1000);
    expect(journey?.touchpoints.map((t) => t.channel)).toEqual(['Organic Search', 'Paid Search', 'Direct']);
    // Lead at day 5 + 1 min: the Direct session (day 5) is the last touch before it; opportunity at day 15: the same one.
    expect(journey?.touchpoints.map((t) => [t.isLeadCreation ?? false, t.isOpportunityCreation ?? false, t.isClose ?? false])).toEqual([
      [false, false, false],
      [false, false, false],
      [true, true, true],
    ]);
  });
});

describe('runAttribution', () => {
  it('credits lead conversions by every single-touch and linear model, worked by hand', async () => {
    const results = await runAttribution(store, { ...base, models: ['first_touch', 'last_touch', 'last_non_direct', 'linear', 'shapley'] });
    const byModel = Object.fromEntries(results.map((r) => [r.model, credits(r.rows)]));
    expect(byModel.first_touch).toMatchObject({ 'Organic Search': 1, Email: 1 });
    expect(byModel.last_touch).toMatchObject({ Direct: 1, Email: 1 });
    expect(byModel.last_non_direct).toMatchObject({ 'Paid Search': 1, Email: 1 });
    const third = 1 / 3;
    for (const model of ['linear', 'shapley'] as const) {
      expect(byModel[model]?.['Organic Search']).toBeCloseTo(third, 12);
      expect(byModel[model]?.['Paid Search']).toBeCloseTo(third, 12);
      expect(byModel[model]?.Direct).toBeCloseTo(third, 12);
      expect(byModel[model]?.Email).toBeCloseTo(1, 12);
    }
  });

  it('Markov removal effects match the absorbing chain worked by hand', async () => {
    // start -> OS | E | PS (1/3 each); OS -> PS; PS -> D | null (1/2 each); D -> conv; E -> conv.
    // P(conv) = 1/6 + 1/3 + 1/6 = 2/3. Removal: OS 1/4, PS 1/2, D 1/2, E 1/2 (sum 7/4).
    // Credit = removal / 7/4 × 2 conversions: OS 2/7, PS 4/7, D 4/7, E 4/7.
    const [markov] = await runAttribution(store, { ...base, models: ['markov'] });
    const got = credits(markov?.rows ?? []);
    expect(got['Organic Search']).toBeCloseTo(2 / 7, 9);
    expect(got['Paid Search']).toBeCloseTo(4 / 7, 9);
    expect(got.Direct).toBeCloseTo(4 / 7, 9);
    expect(got.Email).toBeCloseTo(4 / 7, 9);
    expect(markov?.totalConversions).toBe(2);
  });

  it('credits deal revenue and respects the lookback window', async () => {
    const [linear] = await runAttribution(store, { ...base, conversion: 'deal', models: ['linear'] });
    expect(linear?.totalValue).toBe(1000);
    const values = Object.fromEntries((linear?.rows ?? []).map((r) => [r.channel, r.value]));
    expect(values['Organic Search']).toBeCloseTo(1000 / 3, 9);
    // With a 1-day lookback only the Direct session (day 5) … is 15 days before the close: none remain.
    const [short] = await runAttribution(store, { ...base, conversion: 'deal', lookbackDays: 1, models: ['linear'] });
    expect(short?.rows).toEqual([{ channel: '(none)', conversions: 1, value: 1000 }]);
  });

  it('attributes by campaign and by landing page, with unknown values as (not set)', async () => {
    const [byCampaign] = await runAttribution(store, { ...base, by: 'campaign', models: ['last_non_direct'] });
    // c1's last non-Direct touch is the Paid Search session (campaign spring); c2's Email session has no campaign.
    expect(credits(byCampaign?.rows ?? [], 'campaign')).toMatchObject({ spring: 1, '(not set)': 1 });
    const [byContent] = await runAttribution(store, { ...base, by: 'content', models: ['first_touch'] });
    expect(credits(byContent?.rows ?? [], 'content')).toMatchObject({ '/blog/kpi': 1, '/': 1 });
  });

  it('rejects a range that ends before it starts', async () => {
    await expect(runAttribution(store, { ...base, from: '2026-02-01', to: '2026-01-01', models: ['linear'] })).rejects.toThrow(
      "'to' (2026-01-01) must be after 'from' (2026-02-01)",
    );
  });
});
