import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from './catalog/index.ts';
import { evaluateFormula, parseFormula } from './formula.ts';
import { addMonths, bucketsOf, comparisonRange, formatDay, localMidnightUtc, parseDay } from './periods.ts';
import { allowedDimensions, listMetrics, metricMeasures } from './resolve.ts';

/** Every id of KPIS.md. */
const KPI_IDS = `visitors sessions pageviews organic_traffic referral_traffic social_traffic social_traffic_share mobile_traffic
mobile_share bounce_rate pages_per_session avg_session_duration scroll_depth top_entry_pages conversions conversion_rate
traffic_to_lead_ratio view_to_contact_rate pages_to_optimize landing_page_conversion_rate form_conversion_rate
mobile_conversion_rate social_lead_conversions social_customer_conversions popular_devices leads mqls sqls sals
opportunities new_customers lead_to_mql_rate mql_to_sql_rate sql_to_sal_rate sql_to_customer_rate sal_to_customer_rate
opportunity_to_customer_rate lead_conversion_rate opportunity_win_rate funnel_dropoff sales_cycle_days sales_revenue
marketing_spend sales_spend cac cost_per_lead ltv ltv_cac_ratio attributed_revenue roi romi roas budget_vs_actual
followers follower_growth engagement engagement_rate nps retention_rate churn_rate cohort_retention event_registrations
event_attendance attendance_rate keyword_position ab_test`.split(/\s+/);

describe('catalog', () => {
  it('defines every KPI of KPIS.md', () => {
    expect(KPI_IDS.filter((id) => !DEFAULT_CATALOG.metrics.has(id))).toEqual([]);
  });

  it('resolves every metric to measures of known sources with a time column', () => {
    for (const metric of DEFAULT_CATALOG.metrics.values()) {
      for (const measure of metricMeasures(DEFAULT_CATALOG, metric)) {
        const source = DEFAULT_CATALOG.sources.get(measure.source);
        expect(source, `${metric.id} → ${measure.id}`).toBeDefined();
        expect(source?.timeColumns[measure.time], `${measure.id}.time`).toBeDefined();
      }
    }
  });

  it('lists the catalog with dimensions and descriptions', () => {
    const list = listMetrics(DEFAULT_CATALOG);
    const cac = list.find((m) => m.id === 'cac');
    expect(cac).toMatchObject({ unit: 'money', direction: 'down', dimensions: ['campaign', 'channel', 'program'] });
    expect(allowedDimensions(DEFAULT_CATALOG, DEFAULT_CATALOG.metrics.get('bounce_rate') as never)).toContain('landing_page');
    for (const m of list) expect(m.description.length, m.id).toBeGreaterThan(10);
  });
});

describe('formulas', () => {
  it.each([
    ['a / b', { a: 1, b: 4 }, 0.25],
    ['a / b', { a: 1, b: 0 }, null],
    ['(a + b) * 2 - -1', { a: 1, b: 2 }, 7],
    ['coalesce(a / b, 3)', { a: 1, b: 0 }, 3],
    ['min(a, b)', { a: 1, b: null }, null],
    ['max(a, b, 10)', { a: 1, b: 2 }, 10],
  ])('%s with %j = %s', (text, values, expected) => {
    const parsed = parseFormula(text);
    expect(evaluateFormula(parsed.value as never, (n) => (values as Record<string, number | null>)[n] ?? null)).toBe(expected);
  });

  it.each([['a +'], ['a b'], ['pow(a)'], [''], ['a $ b']])('rejects %j', (text) => {
    expect(parseFormula(text).errors.length).toBeGreaterThan(0);
  });
});

describe('periods', () => {
  const day = (s: string) => parseDay(s) as number;
  it('rejects impossible dates', () => {
    expect(parseDay('2026-02-29')).toBeUndefined();
    expect(parseDay('2024-02-29')).toBe(day('2024-02-29'));
    expect(parseDay('26-1-1')).toBeUndefined();
  });

  it('buckets weeks from Monday and clips to the range', () => {
    const buckets = bucketsOf({ from: day('2026-01-01'), to: day('2026-01-15') }, 'week');
    expect(buckets.map((b) => [b.label, b.to - b.from])).toEqual([
      ['2025-12-29', 4],
      ['2026-01-05', 7],
      ['2026-01-12', 3],
    ]);
    expect(bucketsOf({ from: day('2026-02-10'), to: day('2026-08-01') }, 'quarter').map((b) => b.label)).toEqual([
      '2026-01-01',
      '2026-04-01',
      '2026-07-01',
    ]);
  });

  it('compares whole months by months and other ranges by days', () => {
    const show = (r: { from: number; to: number }) => [formatDay(r.from), formatDay(r.to)];
    expect(show(comparisonRange({ from: day('2026-03-01'), to: day('2026-05-01') }, 'previous'))).toEqual(['2026-01-01', '2026-03-01']);
    expect(show(comparisonRange({ from: day('2026-03-10'), to: day('2026-03-20') }, 'previous'))).toEqual(['2026-02-28', '2026-03-10']);
    expect(show(comparisonRange({ from: day('2024-02-29'), to: day('2024-03-01') }, 'year'))).toEqual(['2023-02-28', '2023-03-01']);
    expect(formatDay(addMonths(day('2026-01-31'), 1))).toBe('2026-02-28');
  });

  it('finds local midnight in UTC across DST', () => {
    expect(localMidnightUtc(day('2026-01-15'), 'Europe/Warsaw')).toBe('2026-01-14 23:00:00');
    expect(localMidnightUtc(day('2026-07-15'), 'Europe/Warsaw')).toBe('2026-07-14 22:00:00');
    expect(localMidnightUtc(day('2026-03-08'), 'America/New_York')).toBe('2026-03-08 05:00:00');
  });
});
