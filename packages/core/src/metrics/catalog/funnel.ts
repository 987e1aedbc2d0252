import type { MetricDef } from '../types.ts';
import { metric } from './define.ts';
import { stageCountMeasure } from './measures-crm.ts';

const additive = { additive: true };
const reach =
  'A contact reaches a stage at the earliest of its stage rows at that stage or any later lifecycle stage (lead < mql < sql < sal < opportunity < customer; created_at counts for lead), so skipped stages are implied.';

const cohort = (a: string, b: string, id: string, name: string) =>
  metric(
    id,
    name,
    'rate',
    'up',
    `${a}_cohort_reached_${b} / ${stageCountMeasure(a)}`,
    `Cohort view: contacts that reached ${a} in the period and have reached ${b} by now / contacts that reached ${a} in the period. ${reach}`,
  );

export const FUNNEL_METRICS: MetricDef[] = [
  metric('leads', 'Leads', 'count', 'up', 'leads', `Contacts that became leads in the period. ${reach}`, additive),
  metric('mqls', 'MQLs', 'count', 'up', 'mqls', `Contacts that reached MQL in the period. ${reach}`, additive),
  metric('sqls', 'SQLs', 'count', 'up', 'sqls', `Contacts that reached SQL in the period. ${reach}`, additive),
  metric('sals', 'SALs', 'count', 'up', 'sals', `Contacts that reached SAL in the period. ${reach}`, additive),
  metric(
    'opportunities',
    'Opportunities',
    'count',
    'up',
    'opportunities',
    `Contacts that reached opportunity in the period. ${reach}`,
    additive,
  ),
  metric(
    'new_customers',
    'New customers',
    'count',
    'up',
    'new_customers',
    `Contacts that became customers in the period. ${reach}`,
    additive,
  ),
  cohort('lead', 'mql', 'lead_to_mql_rate', 'Lead → MQL rate'),
  cohort('mql', 'sql', 'mql_to_sql_rate', 'MQL → SQL rate'),
  cohort('sql', 'sal', 'sql_to_sal_rate', 'SQL → SAL rate'),
  cohort('sql', 'customer', 'sql_to_customer_rate', 'SQL → customer rate'),
  cohort('sal', 'customer', 'sal_to_customer_rate', 'SAL → customer rate'),
  cohort('opportunity', 'customer', 'opportunity_to_customer_rate', 'Opportunity → customer rate'),
  metric(
    'lead_conversion_rate',
    'Lead conversion rate (LCR)',
    'rate',
    'up',
    'lead_cohort_reached_customer / leads',
    `Leads created in the period that have become customers by now / leads created in the period. ${reach}`,
  ),
  metric(
    'opportunity_win_rate',
    'Opportunity win rate',
    'rate',
    'up',
    'won_deals / closed_deals',
    'Deals closed won / deals closed (won + lost), by closed_at in the period; by owner, pipeline, product or the contact’s original channel.',
  ),
  metric(
    'sales_cycle_days',
    'Sales cycle',
    'days',
    'down',
    'sales_cycle_days_median',
    'Median days from reaching lead to reaching customer, over contacts that became customers in the period.',
  ),
  metric(
    'dropped_contacts',
    'Dropped contacts',
    'count',
    'down',
    'dropped_contacts',
    'Contacts that left the funnel before becoming customers: marked lost (at the lost time) or inactive (no stage change for 90 days, at the 90th day).',
    additive,
  ),
  metric('dropped_lost', 'Dropped: lost', 'count', 'down', 'dropped_lost', 'Dropped contacts marked lost.', additive),
  metric(
    'dropped_inactive',
    'Dropped: inactive',
    'count',
    'down',
    'dropped_inactive',
    'Dropped contacts with no stage change for 90 days.',
    additive,
  ),
];
