/** Which kinds of input a KPI is computed from: the empty state names them and how to import them. */
export const INPUT_KINDS = [
  'events',
  'contacts',
  'stages',
  'deals',
  'orders',
  'spend',
  'budget',
  'social',
  'nps',
  'marketing_events',
  'keywords',
] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

const BY_METRIC: Record<string, InputKind[]> = {
  traffic_to_lead_ratio: ['events', 'contacts'],
  view_to_contact_rate: ['events', 'contacts'],
  social_lead_conversions: ['events', 'contacts'],
  social_customer_conversions: ['events', 'contacts', 'stages'],
  leads: ['contacts'],
  opportunity_win_rate: ['deals'],
  sales_revenue: ['deals', 'orders'],
  marketing_spend: ['spend'],
  sales_spend: ['spend'],
  cac: ['spend', 'stages'],
  cost_per_lead: ['spend', 'contacts'],
  ltv: ['orders', 'deals', 'stages'],
  ltv_cac_ratio: ['orders', 'deals', 'spend', 'stages'],
  attributed_revenue: ['deals', 'orders', 'events'],
  roi: ['spend', 'deals', 'orders'],
  romi: ['spend', 'deals', 'orders'],
  roas: ['spend', 'deals', 'orders'],
  budget_vs_actual: ['budget', 'spend'],
  followers: ['social'],
  follower_growth: ['social'],
  engagement: ['social'],
  engagement_rate: ['social'],
  nps: ['nps'],
  retention_rate: ['stages'],
  churn_rate: ['stages'],
  cohort_retention: ['orders', 'deals', 'stages'],
  event_registrations: ['marketing_events'],
  event_attendance: ['marketing_events'],
  attendance_rate: ['marketing_events'],
  keyword_position: ['keywords'],
};

const FUNNEL = new Set([
  'mqls',
  'sqls',
  'sals',
  'opportunities',
  'new_customers',
  'funnel_dropoff',
  'sales_cycle_days',
  'lead_conversion_rate',
]);

export function inputKindsOf(metric: string): InputKind[] {
  const known = BY_METRIC[metric];
  if (known) return known;
  if (FUNNEL.has(metric) || metric.endsWith('_to_mql_rate') || /_to_(sql|sal|customer)_rate$/.test(metric)) return ['contacts', 'stages'];
  return ['events'];
}
