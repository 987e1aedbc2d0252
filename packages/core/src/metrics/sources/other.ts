/** Sources read straight from one imported table. */
import type { SourceDef } from '../types.ts';

export const OTHER_SOURCES: SourceDef[] = [
  {
    id: 'spend',
    description: 'spend rows by day (amounts in the reporting currency)',
    dimensions: {
      channel: 'channel',
      campaign: 'campaign',
      category: 'category',
      department: 'department',
      program: 'program',
      vendor: 'vendor',
    },
    timeColumns: { date: 'date' },
    sql: () => 'SELECT * FROM spend',
  },
  {
    id: 'budget',
    description: 'planned budget by month, channel and department',
    dimensions: { channel: 'channel', department: 'department' },
    timeColumns: { month: 'date' },
    sql: () => 'SELECT * FROM budget',
  },
  {
    id: 'social',
    description: 'daily snapshots of social accounts; engagement = likes + shares + comments + messages + mentions',
    dimensions: { network: 'network' },
    timeColumns: { date: 'date' },
    sql: () => `SELECT date, network, followers, coalesce(impressions, 0) AS impressions,
        coalesce(likes, 0) + coalesce(shares, 0) + coalesce(comments, 0) + coalesce(messages, 0) + coalesce(mentions, 0) AS engagement
      FROM social`,
  },
  {
    id: 'nps',
    description: 'NPS survey responses; responded_at is the UTC time as text (it orders like the time)',
    dimensions: { response: 'response_id', comment: 'comment', responded_at: 'responded_at' },
    timeColumns: { timestamp: 'timestamp' },
    sql: ({ dialect }) => `SELECT *, ${dialect.formatDate('timestamp')} AS responded_at FROM nps WHERE score IS NOT NULL`,
  },
  {
    id: 'marketing_events',
    description: 'webinars, conferences and other events, at their date',
    dimensions: { event: 'name', channel: 'channel' },
    timeColumns: { date: 'date' },
    sql: () => 'SELECT * FROM marketing_events',
  },
  {
    id: 'keywords',
    description: 'search rankings by day, keyword and URL',
    dimensions: { keyword: 'keyword', url: 'url' },
    timeColumns: { date: 'date' },
    sql: () => `SELECT date, keyword, url, position, coalesce(clicks, 0) AS clicks,
        coalesce(impressions, 0) AS impressions, position * coalesce(impressions, 0) AS weighted_position FROM keywords`,
  },
];
