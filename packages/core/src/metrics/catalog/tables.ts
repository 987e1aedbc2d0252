import { LIFECYCLE } from '../../inputs/kinds.ts';
import type { MetricDef } from '../types.ts';
import { metric } from './define.ts';

/** Metrics that exist to be columns of the table KPIs. */
export const TABLE_COLUMN_METRICS: MetricDef[] = [
  metric('handheld_traffic', 'Mobile and tablet sessions', 'count', 'up', 'handheld_sessions', 'Sessions on a mobile or tablet device.', {
    additive: true,
  }),
  metric('page_traffic', 'Sessions viewing the page', 'count', 'up', 'page_sessions', 'Sessions that viewed the page (by page).', {
    additive: true,
  }),
  metric(
    'experiment_visitors',
    'Experiment visitors',
    'count',
    'up',
    'exposed_visitors',
    'Visitors first exposed to an experiment variant in the period.',
    { additive: true },
  ),
  metric(
    'experiment_conversions',
    'Experiment conversions',
    'count',
    'up',
    'exposed_conversions',
    'Exposed visitors that converted (goal or form_submit) at or after their first exposure, by now.',
    { additive: true },
  ),
  metric(
    'cohort_customers',
    'Cohort customers',
    'count',
    'up',
    'cohort_customers',
    'Contacts that became customers in the period; by months_to_churn (null: still a customer).',
    { additive: true },
  ),
  metric(
    'page_bounce_rate',
    'Page bounce rate',
    'rate',
    'down',
    'page_bounced_sessions / page_sessions',
    'Bounced sessions that viewed the page / sessions that viewed the page (a bounce views one page only).',
  ),
];

export const TABLE_METRICS: MetricDef[] = [
  {
    kind: 'table',
    id: 'top_entry_pages',
    name: 'Top entry pages',
    description: 'Landing pages ranked by sessions (top 5 unless a limit is given), each with sessions, bounce_rate and conversion_rate.',
    unit: 'table',
    direction: 'none',
    rowDimensions: ['landing_page'],
    columns: [
      { name: 'sessions', metric: 'sessions' },
      { name: 'bounce_rate', metric: 'bounce_rate' },
      { name: 'conversion_rate', metric: 'conversion_rate' },
    ],
    defaultGrain: 'all',
    order: { column: 'sessions', direction: 'desc' },
    defaultLimit: 5,
  },
  {
    kind: 'table',
    id: 'pages_to_optimize',
    name: 'Pages to optimize',
    description:
      'Pages viewed in at least `min_sessions` sessions (option, default 20), ranked by bounce rate of the sessions that viewed them (highest first), then view_to_contact_rate (lowest first), then sessions.',
    unit: 'table',
    direction: 'none',
    rowDimensions: ['page'],
    columns: [
      { name: 'sessions', metric: 'page_traffic' },
      { name: 'bounce_rate', metric: 'page_bounce_rate' },
      { name: 'view_to_contact_rate', metric: 'view_to_contact_rate' },
    ],
    defaultGrain: 'all',
    order: { column: 'bounce_rate', direction: 'desc' },
    thenBy: [
      { column: 'view_to_contact_rate', direction: 'asc' },
      { column: 'sessions', direction: 'desc' },
    ],
    minimum: { column: 'sessions', min: 20, option: 'min_sessions' },
    defaultLimit: 20,
  },
  {
    kind: 'table',
    id: 'popular_devices',
    name: 'Popular devices',
    description: 'Mobile and tablet device models and operating systems ranked by sessions.',
    unit: 'table',
    direction: 'none',
    rowDimensions: ['device_model', 'os'],
    columns: [{ name: 'sessions', metric: 'handheld_traffic' }],
    defaultGrain: 'all',
    order: { column: 'sessions', direction: 'desc' },
    minimum: { column: 'sessions', min: 1 },
    defaultLimit: 10,
  },
  {
    kind: 'table',
    id: 'funnel_dropoff',
    name: 'Funnel drop-off',
    description:
      'Per furthest lifecycle stage (lead … opportunity): contacts that dropped out in the period, lost (a lost stage row, at its time) or inactive (no stage change for 90 days, at the 90th day). Customers never drop off.',
    unit: 'table',
    direction: 'down',
    rowDimensions: ['stage'],
    columns: [
      { name: 'dropped', metric: 'dropped_contacts' },
      { name: 'lost', metric: 'dropped_lost' },
      { name: 'inactive', metric: 'dropped_inactive' },
    ],
    defaultGrain: 'all',
    order: { dimension: 'stage', values: LIFECYCLE },
  },
  {
    kind: 'table',
    id: 'budget_vs_actual',
    name: 'Budget vs actual',
    description: 'Per channel and month: planned budget, actual spend, variance (actual − budget) and variance rate.',
    unit: 'table',
    direction: 'none',
    rowDimensions: ['channel'],
    columns: [
      { name: 'budget', metric: 'budget' },
      { name: 'actual', metric: 'spend' },
      { name: 'variance', metric: 'budget_variance' },
      { name: 'variance_rate', metric: 'budget_variance_rate' },
    ],
    defaultGrain: 'month',
    order: { column: 'actual', direction: 'desc' },
  },
  {
    kind: 'custom',
    id: 'cohort_retention',
    name: 'Cohort retention',
    description:
      'Customers by the month they became customers (rows from the requested range) × months since (0 …): the share still customers at the end of that month (no churned row before it). Cells whose month ends after the range end are null.',
    unit: 'table',
    direction: 'up',
    dimensions: ['channel', 'source', 'medium', 'campaign', 'owner', 'program', 'pipeline', 'country'],
    defaultGrain: 'month',
  },
  {
    kind: 'custom',
    id: 'ab_test',
    name: 'A/B test',
    description:
      'Per experiment and variant: visitors exposed in the period, visitors who converted (goal or form_submit) at or after their first exposure, conversion rate, uplift vs control (the variant named control, else the first alphabetically), two-sided p-value of a two-proportion z-test and 95 % confidence interval of the rate difference. A verdict (winner, loser, no_difference) only once every variant reached the planned sample: option sample_size, else computed for 80 % power at 5 % significance for a relative minimum detectable effect (option min_detectable_effect, default 0.1) over the control rate.',
    unit: 'table',
    direction: 'none',
    dimensions: ['experiment'],
    defaultGrain: 'all',
  },
];
