import type { MeasureDef } from '../types.ts';

const sum = (
  id: string,
  description: string,
  source: string,
  time: string,
  column: string,
  extra: Partial<MeasureDef> = {},
): MeasureDef => ({
  id,
  description,
  source,
  time,
  aggregate: { fn: 'sum', column },
  ...extra,
});

export const OTHER_MEASURES: MeasureDef[] = [
  sum('spend_total', 'all spend', 'spend', 'date', 'amount'),
  sum('marketing_spend_amount', 'spend of the marketing department', 'spend', 'date', 'amount', {
    where: [{ column: 'department', op: 'eq', value: 'marketing' }],
  }),
  sum('sales_spend_amount', 'spend of the sales department', 'spend', 'date', 'amount', {
    where: [{ column: 'department', op: 'eq', value: 'sales' }],
  }),
  sum('ad_spend', 'spend in the advertising category', 'spend', 'date', 'amount', {
    where: [{ column: 'category', op: 'eq', value: 'advertising' }],
  }),
  sum('budget_amount', 'planned budget of the months in the period', 'budget', 'month', 'amount'),
  {
    id: 'followers_start',
    description: 'followers per network at the start (latest snapshot before, else first inside), summed',
    source: 'social',
    time: 'date',
    aggregate: { fn: 'snapshot', column: 'followers', key: 'network', at: 'start' },
  },
  {
    id: 'followers_end',
    description: 'followers per network at the end (latest snapshot inside), summed',
    source: 'social',
    time: 'date',
    aggregate: { fn: 'snapshot', column: 'followers', key: 'network', at: 'end' },
  },
  sum('social_engagement', 'likes + shares + comments + messages + mentions', 'social', 'date', 'engagement'),
  sum('social_impressions', 'impressions', 'social', 'date', 'impressions'),
  { id: 'nps_responses', description: 'survey responses', source: 'nps', time: 'timestamp', aggregate: { fn: 'count' } },
  sum('nps_score_sum', 'sum of the scores (one response: its score)', 'nps', 'timestamp', 'score'),
  {
    id: 'nps_promoters',
    description: 'responses scoring 9 or 10',
    source: 'nps',
    time: 'timestamp',
    aggregate: { fn: 'count' },
    where: [{ column: 'score', op: 'gte', value: 9 }],
  },
  {
    id: 'nps_detractors',
    description: 'responses scoring 0 to 6',
    source: 'nps',
    time: 'timestamp',
    aggregate: { fn: 'count' },
    where: [{ column: 'score', op: 'lte', value: 6 }],
  },
  sum('registrations', 'registrations', 'marketing_events', 'date', 'registrations'),
  sum('attendees', 'attendees', 'marketing_events', 'date', 'attendees'),
  { id: 'keyword_rows', description: 'ranking rows (keyword × URL × day)', source: 'keywords', time: 'date', aggregate: { fn: 'count' } },
  sum('position_sum', 'sum of positions', 'keywords', 'date', 'position'),
  sum('weighted_position_sum', 'sum of position × impressions', 'keywords', 'date', 'weighted_position'),
  sum('search_impressions', 'search impressions', 'keywords', 'date', 'impressions'),
  sum('search_clicks', 'search clicks', 'keywords', 'date', 'clicks'),
];
