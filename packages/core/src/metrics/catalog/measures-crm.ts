import { LIFECYCLE } from '../../inputs/kinds.ts';
import { SOCIAL_CHANNELS } from '../sources/contacts.ts';
import type { MeasureDef } from '../types.ts';

const STAGE_COUNT_IDS: Record<string, string> = {
  lead: 'leads',
  mql: 'mqls',
  sql: 'sqls',
  sal: 'sals',
  opportunity: 'opportunities',
  customer: 'new_customers',
};

const funnel = (id: string, description: string, time: string, extra: Partial<MeasureDef> = {}): MeasureDef => ({
  id,
  description,
  source: 'contact_funnel',
  time,
  aggregate: { fn: 'count' },
  ...extra,
});

/** Stage pairs with a cohort conversion measure: contacts that reached A in the period and B by now. */
export const COHORT_PAIRS = [
  ['lead', 'mql'],
  ['mql', 'sql'],
  ['sql', 'sal'],
  ['sql', 'customer'],
  ['sal', 'customer'],
  ['opportunity', 'customer'],
  ['lead', 'customer'],
] as const;

export function stageCountMeasure(stage: string): string {
  return STAGE_COUNT_IDS[stage] ?? stage;
}

export const CRM_MEASURES: MeasureDef[] = [
  ...LIFECYCLE.map((stage) =>
    funnel(stageCountMeasure(stage), `contacts that reached ${stage} (or a later stage) in the period`, `${stage}_at`),
  ),
  ...COHORT_PAIRS.map(([a, b]) =>
    funnel(`${a}_cohort_reached_${b}`, `contacts that reached ${a} in the period and have reached ${b} by now`, `${a}_at`, {
      where: [{ column: `${b}_at`, op: 'notNull' }],
    }),
  ),
  funnel('web_leads', 'leads with a linked session that started at or before the lead time', 'lead_at', {
    where: [{ column: 'lead_from_web', op: 'isTrue' }],
  }),
  funnel('social_leads', 'leads whose original channel is Organic Social or Paid Social', 'lead_at', {
    where: [{ column: 'channel', op: 'in', values: SOCIAL_CHANNELS }],
  }),
  funnel('social_customers', 'new customers whose original channel is Organic Social or Paid Social', 'customer_at', {
    where: [{ column: 'channel', op: 'in', values: SOCIAL_CHANNELS }],
  }),
  funnel('sales_cycle_days_median', 'median days from lead to customer', 'customer_at', {
    aggregate: { fn: 'median', column: 'cycle_days' },
  }),
  funnel('customers_start', 'customers at the start of the period', 'active_from', {
    aggregate: { fn: 'active', from: 'active_from', to: 'active_to', at: 'start' },
  }),
  funnel('customers_end', 'customers at the end of the period', 'active_from', {
    aggregate: { fn: 'active', from: 'active_from', to: 'active_to', at: 'end' },
  }),
  funnel('customers_lost', 'customers at the start of the period that churned in it', 'active_to', {
    where: [{ column: 'active_from', op: 'beforeBucket' }],
  }),
  funnel('cohort_customers', 'contacts that became customers in the period (and count as customers: no churn before)', 'active_from'),
  funnel('dropped_contacts', 'contacts that dropped out of the funnel in the period (lost or inactive)', 'dropped_at'),
  funnel('dropped_lost', 'contacts marked lost in the period before becoming customers', 'dropped_at', {
    where: [{ column: 'dropped_lost', op: 'isTrue' }],
  }),
  funnel('dropped_inactive', 'contacts whose last stage change is 90 days old, not customers nor lost', 'dropped_at', {
    where: [{ column: 'dropped_inactive', op: 'isTrue' }],
  }),
  {
    id: 'revenue',
    description: 'amount of won deals and orders',
    source: 'sales',
    time: 'sold_at',
    aggregate: { fn: 'sum', column: 'amount' },
  },
  {
    id: 'revenue_previous_period',
    description: 'amount of won deals and orders in the period before (the previous-period comparison of the bucket)',
    source: 'sales',
    time: 'sold_at',
    aggregate: { fn: 'sum', column: 'amount' },
    shift: 1,
  },
  ...[1, 4].map(
    (shift): MeasureDef => ({
      id: `organic_revenue_${shift}_before`,
      description: `revenue credited by last non-direct touch to an organic (unpaid) channel, ${shift} period(s) before the bucket`,
      source: 'attributed_sales',
      time: 'sold_at',
      aggregate: { fn: 'sum', column: 'amount' },
      where: [{ column: 'organic', op: 'isTrue' }],
      shift,
    }),
  ),
  { id: 'purchases', description: 'won deals and orders', source: 'sales', time: 'sold_at', aggregate: { fn: 'count' } },
  {
    id: 'purchasers',
    description: 'distinct buyers (a sale without a contact is its own buyer)',
    source: 'sales',
    time: 'sold_at',
    aggregate: { fn: 'countDistinct', column: 'customer_key' },
  },
  {
    id: 'attributed_revenue_amount',
    description: 'revenue credited by last non-direct touch',
    source: 'attributed_sales',
    time: 'sold_at',
    aggregate: { fn: 'sum', column: 'amount' },
  },
  { id: 'closed_deals', description: 'deals closed won or lost', source: 'closed_deals', time: 'closed_at', aggregate: { fn: 'count' } },
  {
    id: 'won_deals',
    description: 'deals closed won',
    source: 'closed_deals',
    time: 'closed_at',
    aggregate: { fn: 'count' },
    where: [{ column: 'status', op: 'eq', value: 'won' }],
  },
];
