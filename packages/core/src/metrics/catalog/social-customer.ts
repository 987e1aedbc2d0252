import type { MetricDef } from '../types.ts';
import { metric } from './define.ts';

const customersAt =
  'Customers at a time t: contacts that reached customer before t and have no churned row before t (a churned row at or before the customer time means the contact never counts).';

export const SOCIAL_CUSTOMER_METRICS: MetricDef[] = [
  metric(
    'followers',
    'Followers',
    'count',
    'up',
    'followers_end',
    'Followers at the end of the period: per network the latest snapshot inside the period (none inside: no value for that network), summed over networks.',
  ),
  metric(
    'follower_growth',
    'Follower growth',
    'rate',
    'up',
    '(followers_end - followers_start) / followers_start',
    '(followers at end − followers at start) / followers at start; start per network = latest snapshot before the period’s first day, else the first inside the period.',
  ),
  metric(
    'engagement',
    'Engagement',
    'count',
    'up',
    'social_engagement',
    'likes + shares + comments + messages + mentions in the period, per network.',
    { additive: true },
  ),
  metric(
    'engagement_rate',
    'Engagement rate',
    'rate',
    'up',
    'coalesce(social_engagement / social_impressions, social_engagement / followers_end)',
    'engagement / impressions; when the bucket has no impressions, engagement / followers at the end.',
  ),
  metric(
    'nps',
    'Net Promoter Score',
    'score',
    'up',
    '100 * (nps_promoters - nps_detractors) / nps_responses',
    '% promoters (9–10) − % detractors (0–6) of responses in the period, −100..100; see nps_responses for the count.',
  ),
  metric('nps_responses', 'NPS responses', 'count', 'none', 'nps_responses', 'Survey responses in the period.', { additive: true }),
  metric('customers', 'Customers', 'count', 'up', 'customers_end', `Customers at the end of the period. ${customersAt}`),
  metric(
    'retention_rate',
    'Customer retention rate',
    'rate',
    'up',
    '(customers_start - customers_lost) / customers_start',
    `(customers at end − new customers in the period) / customers at start, where the new customers subtracted are those still customers at the end, so it equals (customers at start − those of them that churned in the period) / customers at start, and retention_rate + churn_rate = 1. ${customersAt}`,
  ),
  metric(
    'churn_rate',
    'Churn rate',
    'rate',
    'down',
    'customers_lost / customers_start',
    `Customers at the start of the period that churned in it / customers at start (customers won and lost inside the period are not counted, which keeps it in [0, 1]). ${customersAt}`,
  ),
  metric(
    'event_registrations',
    'Event registrations',
    'count',
    'up',
    'registrations',
    'Registrations of marketing events dated in the period; by event.',
    { additive: true },
  ),
  metric(
    'event_attendance',
    'Event attendance',
    'count',
    'up',
    'attendees',
    'Attendees of marketing events dated in the period; by event.',
    { additive: true },
  ),
  metric('attendance_rate', 'Attendance rate', 'rate', 'up', 'attendees / registrations', 'event_attendance / event_registrations.'),
  metric(
    'keyword_position',
    'Keyword position',
    'number',
    'down',
    'coalesce(weighted_position_sum / search_impressions, position_sum / keyword_rows)',
    'Average search position (1 = top), weighted by impressions; unweighted mean of the rows when the bucket has no impressions. By keyword or url.',
  ),
  metric('search_clicks', 'Search clicks', 'count', 'up', 'search_clicks', 'Clicks from search results (keyword data).', {
    additive: true,
  }),
  metric('search_impressions', 'Search impressions', 'count', 'up', 'search_impressions', 'Impressions in search results (keyword data).', {
    additive: true,
  }),
];
