import { ATTRIBUTION_LOOKBACK_DAYS, PAID_CHANNELS } from '../sources/sales.ts';
import type { MetricDef } from '../types.ts';
import { metric } from './define.ts';
import { computeLtv, LTV_MEASURES } from './ltv.ts';

const attribution = { defaultModel: 'last_non_direct' as const, lookbackDays: ATTRIBUTION_LOOKBACK_DAYS };
const attributed =
  'Attributed revenue: revenue of won deals and orders credited to the last non-Direct session of the buyer that started before the sale within 90 days, else to the buyer’s original channel/source/campaign, else (none). This is the SQL-compiled default; the query option `model` (or the workspace setting `attribution_model`) selects any other attribution model, whose credits the attribution engine computes per period (breakdown by channel, source or campaign only, no filters).';

export const REVENUE_METRICS: MetricDef[] = [
  metric(
    'sales_revenue',
    'Sales revenue',
    'money',
    'up',
    'revenue',
    'Amounts of deals won (closed_at in the period) + orders (timestamp in the period); by owner (the deal’s, else the contact’s), the buyer’s original channel, product.',
    { additive: true },
  ),
  metric(
    'marketing_spend',
    'Marketing spend',
    'money',
    'down',
    'marketing_spend_amount',
    'Spend rows of the marketing department; by channel, campaign, category, program, vendor.',
    { additive: true },
  ),
  metric('sales_spend', 'Sales spend', 'money', 'down', 'sales_spend_amount', 'Spend rows of the sales department.', { additive: true }),
  metric(
    'cac',
    'Customer acquisition cost',
    'money',
    'down',
    '(marketing_spend_amount + sales_spend_amount) / new_customers',
    '(marketing_spend + sales_spend) / new_customers. By program, channel or campaign: spend by the tag of its rows, customers by their original attributes. Every spend category counts; the categories KPIS.md lists per program describe what is usually tagged so, not a filter.',
  ),
  metric(
    'cost_per_lead',
    'Cost per lead',
    'money',
    'down',
    'marketing_spend_amount / leads',
    'marketing_spend / leads; by channel, campaign or program (spend by its tags, leads by their original attributes). By vendor (agency): the vendor’s marketing spend / leads whose original campaign the vendor billed (has a marketing spend row, at any time, naming that campaign); a lead whose campaign several vendors billed counts for each of them, so vendor parts of leads may sum to more than the total; spend without a vendor and leads of campaigns no vendor billed group under (none).',
    { dimensions: ['campaign', 'channel', 'program', 'vendor'] },
  ),
  {
    kind: 'series',
    id: 'ltv',
    name: 'Customer lifetime value',
    unit: 'money',
    direction: 'up',
    description:
      'average purchase value (revenue / purchases) × purchase frequency (purchases per buying customer per year of the period) × lifespan (1 / annual churn rate, where annual churn = customers lost / customers at start scaled to a year; capped at 10 years, and 10 years when no customer was lost). Null without purchases or without customers at the start.',
    compute: computeLtv,
    measures: LTV_MEASURES,
  },
  metric('ltv_cac_ratio', 'LTV:CAC', 'ratio', 'up', 'ltv / cac', 'ltv / cac; below 1 means a customer costs more to win than it brings.'),
  metric('attributed_revenue', 'Attributed revenue', 'money', 'up', 'attributed_revenue_amount', attributed, {
    additive: true,
    attribution,
  }),
  metric(
    'roi',
    'ROI',
    'rate',
    'up',
    '(attributed_revenue_amount - marketing_spend_amount) / marketing_spend_amount',
    `(attributed_revenue − marketing_spend) / marketing_spend; by channel or campaign. ${attributed} Can be negative or above 1. The variant net of the organic baseline is roi_net_of_baseline.`,
    { attribution },
  ),
  metric(
    'roi_net_of_baseline',
    'ROI net of organic baseline',
    'rate',
    'up',
    '(revenue - revenue_previous_period - (organic_revenue_1_before - organic_revenue_4_before) / 3 - marketing_spend_amount) / marketing_spend_amount',
    `(revenue growth − average organic revenue growth − marketing_spend) / marketing_spend, totals only. Revenue growth: sales_revenue of the period − sales_revenue of the previous period (the previous-period comparison of the period: the same number of calendar months when it runs from a first of the month to a first of the month, else of days; at month grain the previous month). Organic revenue: sales credited by last non-direct touch (90 days; else the buyer's original channel) to a channel that is not paid — paid being ${PAID_CHANNELS.join(', ')}; Direct, organic, email, referral and unknown channels are organic. Average organic revenue growth: the mean growth of organic revenue per period over the three period steps before the period, (organic revenue one period before − organic revenue four periods before) / 3, a baseline taken before the period so the period's own marketing does not lower it. Periods without sales count as 0. Can be negative.`,
    { dimensions: [] },
  ),
  metric(
    'romi',
    'ROMI',
    'rate',
    'up',
    '(attributed_revenue_amount - marketing_spend_amount) / marketing_spend_amount',
    `Return on the marketing budget: (attributed_revenue − marketing_spend) / marketing_spend. Profitable above 0 (not above 1, as some sources say: 0 means the spend came back exactly). ${attributed}`,
    { attribution },
  ),
  metric(
    'roas',
    'ROAS',
    'ratio',
    'up',
    'attributed_revenue_amount / ad_spend',
    `attributed_revenue / spend of category advertising (any department), shown N:1; by channel or campaign. ${attributed}`,
    { attribution },
  ),
  metric('spend', 'Spend', 'money', 'down', 'spend_total', 'All spend (every department).', { additive: true }),
  metric(
    'budget',
    'Budget',
    'money',
    'none',
    'budget_amount',
    'Planned budget of the months in the period (a month counts when its first day is in the range).',
    { additive: true },
  ),
  metric(
    'budget_variance',
    'Budget variance',
    'money',
    'none',
    'spend_total - budget_amount',
    'Actual spend − planned budget (positive: over budget).',
    { additive: true },
  ),
  metric(
    'budget_variance_rate',
    'Budget variance rate',
    'rate',
    'none',
    '(spend_total - budget_amount) / budget_amount',
    '(actual − budget) / budget.',
  ),
];
