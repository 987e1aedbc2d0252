/**
 * The built-in KPI pages as data: headline KPI cards, then tiles. Titles come from the KPIs'
 * names and breakdowns in the user's language.
 */
import type { MessageKey } from '../i18n/messages/en.ts';
import type { TileSpec } from '../tiles/tile-spec.ts';

export interface PageSpec {
  title: MessageKey;
  kpis: string[];
  tiles: TileSpec[];
  /** Shows the LTV:CAC warning banner when the ratio is below 1. */
  ltvCacWarning?: boolean;
  /** Shows the insights computed from the data over the range. */
  insights?: boolean;
}

const FUNNEL_STAGES = ['leads', 'mqls', 'sqls', 'sals', 'opportunities', 'new_customers'];

export const PAGES: Record<string, PageSpec> = {
  overview: {
    title: 'nav.overview',
    kpis: [
      'visitors',
      'sessions',
      'conversion_rate',
      'leads',
      'mqls',
      'new_customers',
      'sales_revenue',
      'marketing_spend',
      'cac',
      'ltv_cac_ratio',
    ],
    ltvCacWarning: true,
    insights: true,
    tiles: [
      { key: 'sessions-trend', metrics: ['sessions', 'conversions'], viz: 'line', span: 4 },
      { key: 'channel-mix', metrics: ['sessions'], by: ['channel'], viz: 'bar', span: 2 },
      { key: 'revenue-by-channel', metrics: ['sales_revenue'], by: ['channel'], viz: 'bar', span: 2 },
      { key: 'funnel-summary', metrics: FUNNEL_STAGES, viz: 'funnel', span: 2 },
      { key: 'leads-by-channel', metrics: ['leads'], by: ['channel'], viz: 'bar', span: 2 },
    ],
  },
  acquisition: {
    title: 'nav.acquisition',
    kpis: [
      'visitors',
      'sessions',
      'pageviews',
      'organic_traffic',
      'referral_traffic',
      'social_traffic',
      'mobile_share',
      'bounce_rate',
      'pages_per_session',
      'avg_session_duration',
    ],
    tiles: [
      { key: 'sessions-by-channel-trend', metrics: ['sessions'], by: ['channel'], viz: 'line', span: 4 },
      { key: 'sessions-by-channel', metrics: ['sessions'], by: ['channel'], viz: 'bar', span: 2 },
      { key: 'sessions-by-source', metrics: ['sessions'], by: ['source'], viz: 'bar', span: 2 },
      { key: 'referral-by-domain', metrics: ['referral_traffic'], by: ['referrer_domain'], viz: 'bar', span: 2 },
      { key: 'sessions-by-campaign', metrics: ['sessions'], by: ['campaign'], viz: 'bar', span: 2 },
      { key: 'organic-trend', metrics: ['organic_traffic'], viz: 'line', span: 2 },
      { key: 'social-by-network', metrics: ['social_traffic'], by: ['network'], viz: 'bar', span: 2 },
      { key: 'sessions-by-device', metrics: ['sessions'], by: ['device'], viz: 'bar', span: 2 },
      { key: 'popular-devices', metrics: ['popular_devices'], viz: 'table', span: 2 },
      { key: 'bounce-by-landing-page', metrics: ['bounce_rate'], by: ['landing_page'], rankBy: 'sessions', viz: 'bar', span: 2 },
      { key: 'bounce-by-device', metrics: ['bounce_rate'], by: ['device'], viz: 'bar', span: 2 },
    ],
  },
  conversion: {
    title: 'nav.conversion',
    kpis: [
      'conversions',
      'conversion_rate',
      'traffic_to_lead_ratio',
      'mobile_conversion_rate',
      'social_lead_conversions',
      'social_customer_conversions',
    ],
    tiles: [
      { key: 'conversion-trend', metrics: ['conversion_rate'], viz: 'line', span: 2 },
      { key: 'conversion-by-goal', metrics: ['conversion_rate'], by: ['goal'], rankBy: 'conversions', viz: 'bar', span: 2 },
      { key: 'traffic-to-lead-by-source', metrics: ['traffic_to_lead_ratio'], by: ['source'], viz: 'line', top: 5, span: 2 },
      {
        key: 'landing-page-conversion',
        metrics: ['landing_page_conversion_rate'],
        by: ['landing_page'],
        rankBy: 'sessions',
        viz: 'bar',
        span: 2,
      },
      { key: 'form-conversion', metrics: ['form_conversion_rate'], by: ['form'], viz: 'bar', span: 2 },
      { key: 'top-entry-pages', metrics: ['top_entry_pages'], viz: 'table', span: 2 },
      { key: 'pages-to-optimize', metrics: ['pages_to_optimize'], viz: 'table', span: 2 },
      { key: 'scroll-depth', metrics: ['scroll_depth'], by: ['page'], rankBy: 'pageviews', viz: 'bar', span: 2 },
      { key: 'conversion-by-channel', metrics: ['conversion_rate'], by: ['channel'], rankBy: 'sessions', viz: 'bar', span: 2 },
      { key: 'mobile-conversion-by-device-model', metrics: ['mobile_conversions'], by: ['device_model'], viz: 'bar', span: 2 },
    ],
  },
  funnel: {
    title: 'nav.funnel',
    kpis: [
      'lead_to_mql_rate',
      'mql_to_sql_rate',
      'sql_to_sal_rate',
      'sal_to_customer_rate',
      'opportunity_to_customer_rate',
      'lead_conversion_rate',
      'opportunity_win_rate',
      'sales_cycle_days',
    ],
    tiles: [
      { key: 'funnel', metrics: FUNNEL_STAGES, viz: 'funnel', span: 2 },
      { key: 'funnel-dropoff', metrics: ['funnel_dropoff'], viz: 'table', span: 2 },
      { key: 'stages-trend', metrics: ['leads', 'mqls', 'sqls', 'new_customers'], viz: 'line', span: 4 },
      { key: 'stage-counts-by-channel', metrics: ['leads', 'mqls', 'sqls', 'new_customers'], by: ['channel'], viz: 'table', span: 4 },
    ],
  },
  revenue: {
    title: 'nav.revenue',
    kpis: ['sales_revenue', 'marketing_spend', 'sales_spend', 'cac', 'cost_per_lead', 'ltv', 'ltv_cac_ratio', 'roi', 'romi', 'roas'],
    ltvCacWarning: true,
    tiles: [
      { key: 'revenue-trend', metrics: ['sales_revenue', 'marketing_spend'], viz: 'line', span: 4 },
      { key: 'revenue-by-owner', metrics: ['sales_revenue'], by: ['owner'], viz: 'bar', span: 2 },
      { key: 'revenue-by-channel', metrics: ['sales_revenue'], by: ['channel'], viz: 'bar', span: 2 },
      { key: 'cac-by-program', metrics: ['cac'], by: ['program'], viz: 'bar', span: 2 },
      { key: 'cac-by-channel', metrics: ['cac'], by: ['channel'], viz: 'bar', span: 2 },
      { key: 'spend-by-channel', metrics: ['marketing_spend'], by: ['channel'], viz: 'bar', span: 2 },
      { key: 'cost-per-lead-by-channel', metrics: ['cost_per_lead'], by: ['channel'], viz: 'bar', span: 2 },
      { key: 'roas-by-campaign', metrics: ['roas'], by: ['campaign'], viz: 'bar', span: 2 },
      { key: 'spend-by-category', metrics: ['marketing_spend'], by: ['category'], viz: 'bar', span: 2 },
      { key: 'budget-vs-actual', metrics: ['budget_vs_actual'], viz: 'table', span: 4 },
      { key: 'attributed-revenue-by-channel', metrics: ['attributed_revenue'], by: ['channel'], viz: 'bar', span: 2 },
      { key: 'roi-by-channel', metrics: ['roi'], by: ['channel'], viz: 'bar', span: 2 },
    ],
  },
  social: {
    title: 'nav.social',
    kpis: ['followers', 'follower_growth', 'engagement', 'engagement_rate', 'social_traffic', 'social_lead_conversions'],
    tiles: [
      { key: 'followers-trend', metrics: ['followers'], by: ['network'], viz: 'line', span: 4 },
      { key: 'followers-by-network', metrics: ['followers'], by: ['network'], viz: 'bar', span: 2 },
      { key: 'growth-by-network', metrics: ['follower_growth'], by: ['network'], viz: 'bar', span: 2 },
      { key: 'engagement-by-network', metrics: ['engagement'], by: ['network'], viz: 'bar', span: 2 },
      { key: 'engagement-rate-by-network', metrics: ['engagement_rate'], by: ['network'], viz: 'bar', span: 2 },
      {
        key: 'social-leads-by-network',
        metrics: ['social_lead_conversions', 'social_customer_conversions'],
        by: ['network'],
        viz: 'table',
        span: 2,
      },
      { key: 'social-traffic-by-network', metrics: ['social_traffic'], by: ['network'], viz: 'bar', span: 2 },
    ],
  },
  customers: {
    title: 'nav.customers',
    kpis: ['nps', 'nps_responses', 'customers', 'retention_rate', 'churn_rate', 'new_customers', 'ltv'],
    tiles: [
      { key: 'nps-trend', metrics: ['nps'], viz: 'line', span: 2 },
      { key: 'retention-trend', metrics: ['retention_rate', 'churn_rate'], viz: 'line', grain: 'month', span: 2 },
      { key: 'customers-trend', metrics: ['customers', 'new_customers'], viz: 'line', grain: 'month', span: 2 },
      { key: 'nps-responses-trend', metrics: ['nps_responses'], viz: 'line', grain: 'month', span: 2 },
      { key: 'cohort-retention', metrics: ['cohort_retention'], viz: 'table', span: 4 },
      { key: 'nps-comments', metrics: ['nps_comments'], viz: 'table', span: 4 },
    ],
  },
  events: {
    title: 'nav.events',
    kpis: ['event_registrations', 'event_attendance', 'attendance_rate'],
    tiles: [
      {
        key: 'events-table',
        metrics: ['event_registrations', 'event_attendance', 'attendance_rate'],
        by: ['event'],
        viz: 'table',
        span: 4,
      },
      { key: 'registrations-by-event', metrics: ['event_registrations'], by: ['event'], viz: 'bar', span: 2 },
      { key: 'attendance-rate-by-event', metrics: ['attendance_rate'], by: ['event'], rankBy: 'event_registrations', viz: 'bar', span: 2 },
    ],
  },
  seo: {
    title: 'nav.seo',
    kpis: ['organic_traffic', 'keyword_position', 'search_clicks', 'search_impressions'],
    tiles: [
      { key: 'organic-trend', metrics: ['organic_traffic'], viz: 'line', span: 2 },
      { key: 'position-trend', metrics: ['keyword_position'], by: ['keyword'], viz: 'line', top: 5, span: 2 },
      { key: 'keywords', metrics: ['keyword_position', 'search_clicks', 'search_impressions'], by: ['keyword'], viz: 'table', span: 4 },
      { key: 'organic-by-landing-page', metrics: ['organic_traffic'], by: ['landing_page'], viz: 'bar', span: 2 },
      { key: 'clicks-by-keyword', metrics: ['search_clicks'], by: ['keyword'], viz: 'bar', span: 2 },
    ],
  },
  experiments: {
    title: 'nav.experiments',
    kpis: [],
    tiles: [
      { key: 'ab-tests', metrics: ['ab_test'], viz: 'table', span: 4 },
      { key: 'experiment-visitors', metrics: ['experiment_visitors', 'experiment_conversions'], by: ['experiment'], viz: 'table', span: 4 },
    ],
  },
};
