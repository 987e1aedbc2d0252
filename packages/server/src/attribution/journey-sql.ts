import { LIFECYCLE, type LifecycleStage } from '@northstar/core';

/** What counts as a conversion: a contact reaching a lifecycle stage, or a won deal (credit = amount). */
export const CONVERSIONS = ['lead', 'mql', 'sql', 'sal', 'opportunity', 'customer', 'deal'] as const;
export type ConversionKind = (typeof CONVERSIONS)[number];

/** Touch dimensions: a session's channel, source, campaign or landing page, or a viewed page. */
export const JOURNEY_DIMENSIONS = ['channel', 'source', 'campaign', 'landing_page', 'content'] as const;
export type JourneyDimension = (typeof JOURNEY_DIMENSIONS)[number];

export interface JourneyQuery {
  conversion: ConversionKind;
  by: JourneyDimension;
  lookbackDays: number;
  /** Conversions whose time is in [from, to): UTC instants in epoch ms. */
  fromMs: number;
  toMs: number;
}

/** Separates keys inside an aggregated path; never part of a channel, campaign or page. */
export const PATH_SEPARATOR = '\u001f';
export const NOT_SET = '(not set)';

/**
 * The time a contact reached `stage` (KPIS.md: the earliest row at that stage or any later one;
 * for lead, created_at counts too). Stage names come from the LIFECYCLE constant, never from input.
 */
export function reachSql(stage: LifecycleStage, alias: string): string {
  const later = LIFECYCLE.slice(LIFECYCLE.indexOf(stage))
    .map((s) => `'${s}'`)
    .join(', ');
  const created = stage === 'lead' ? `UNION ALL SELECT contact_id, created_at AS t FROM contacts` : '';
  return `${alias} AS (
    SELECT contact_id, min(t) AS t FROM (
      SELECT contact_id, "timestamp" AS t FROM stages WHERE stage IN (${later}) ${created}
    ) GROUP BY contact_id)`;
}

/** CTEs `links`, `conversions(conv_id, contact_id, t, value)` and `touches(conv_id, touch_at, tie, key, channel, …)`. */
export function journeyCtes(query: JourneyQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [query.fromMs, query.toMs, query.lookbackDays];
  const conversions =
    query.conversion === 'deal'
      ? `conversions AS (
          SELECT deal_id AS conv_id, contact_id, closed_at AS t, amount AS value FROM deals
          WHERE status = 'won' AND closed_at >= make_timestamp($1 * 1000) AND closed_at < make_timestamp($2 * 1000))`
      : `${reachSql(query.conversion, 'reach')},
        conversions AS (
          SELECT contact_id AS conv_id, contact_id, t, 1.0 AS value FROM reach
          WHERE t >= make_timestamp($1 * 1000) AND t < make_timestamp($2 * 1000))`;
  const touchSource =
    query.by === 'content'
      ? `SELECT l.contact_id, e."timestamp" AS touch_at, e.event_id AS tie, e.path AS key, e.channel
         FROM events e JOIN links l ON e.visitor_id = l.visitor_id WHERE e.type = 'pageview'`
      : `SELECT l.contact_id, s.started_at AS touch_at, s.session_id AS tie, s.${query.by} AS key, s.channel
         FROM sessions s JOIN links l ON s.visitor_id = l.visitor_id`;
  const sql = `WITH
    links AS (SELECT DISTINCT visitor_id, contact_id FROM events WHERE contact_id IS NOT NULL AND visitor_id IS NOT NULL),
    ${conversions},
    touches AS (
      SELECT c.conv_id, x.touch_at, x.tie, coalesce(x.key, '${NOT_SET}') AS key, coalesce(x.channel, '${NOT_SET}') AS channel
      FROM conversions c JOIN (${touchSource}) x ON x.contact_id = c.contact_id
      WHERE x.touch_at <= c.t AND x.touch_at >= c.t - to_days(CAST($3 AS INTEGER)))`;
  return { sql, params };
}

/**
 * Unique paths with their conversions, non-conversions and value, aggregated in the engine so a
 * million journeys come back as a few thousand rows. Non-converting journeys are the visitors
 * with touches in [from, to) that are not linked to a converting contact.
 */
export function pathSummarySql(query: JourneyQuery): { sql: string; params: unknown[] } {
  const { sql: ctes, params } = journeyCtes(query);
  const nullTouches =
    query.by === 'content'
      ? `SELECT visitor_id, "timestamp" AS touch_at, event_id AS tie, path AS key FROM events WHERE type = 'pageview'`
      : `SELECT visitor_id, started_at AS touch_at, session_id AS tie, ${query.by} AS key FROM sessions`;
  const sql = `${ctes},
    converted_paths AS (
      SELECT c.conv_id, c.value,
        string_agg(t.key, chr(31) ORDER BY t.touch_at, t.tie) AS path
      FROM conversions c LEFT JOIN touches t ON t.conv_id = c.conv_id
      GROUP BY c.conv_id, c.value),
    converting_visitors AS (
      SELECT DISTINCT l.visitor_id FROM links l JOIN conversions c ON c.contact_id = l.contact_id),
    null_paths AS (
      SELECT string_agg(coalesce(key, '${NOT_SET}'), chr(31) ORDER BY touch_at, tie) AS path
      FROM (${nullTouches}) n
      WHERE touch_at >= make_timestamp($1 * 1000) AND touch_at < make_timestamp($2 * 1000)
        AND visitor_id IS NOT NULL AND visitor_id NOT IN (SELECT visitor_id FROM converting_visitors)
      GROUP BY visitor_id)
    SELECT path, sum(conversions) AS conversions, sum(nulls) AS nulls, sum(value) AS value FROM (
      SELECT path, 1 AS conversions, 0 AS nulls, value FROM converted_paths
      UNION ALL SELECT path, 0, 1, 0.0 FROM null_paths)
    GROUP BY path`;
  return { sql, params };
}

/** Converting journeys with each touch's time and the milestone times (lead, opportunity) of the contact. */
export function journeysSql(query: JourneyQuery): { sql: string; params: unknown[] } {
  const { sql: ctes, params } = journeyCtes(query);
  const sql = `${ctes},
    ${reachSql('lead', 'lead_reach')},
    ${reachSql('opportunity', 'opp_reach')}
    SELECT c.conv_id, c.value, epoch_ms(c.t) AS conv_ms,
      epoch_ms(any_value(lr.t)) AS lead_ms, epoch_ms(any_value(orr.t)) AS opp_ms,
      list(t.key ORDER BY t.touch_at, t.tie) FILTER (WHERE t.key IS NOT NULL) AS keys,
      list(t.channel ORDER BY t.touch_at, t.tie) FILTER (WHERE t.key IS NOT NULL) AS channels,
      list(epoch_ms(t.touch_at) ORDER BY t.touch_at, t.tie) FILTER (WHERE t.key IS NOT NULL) AS times
    FROM conversions c
    LEFT JOIN touches t ON t.conv_id = c.conv_id
    LEFT JOIN lead_reach lr ON lr.contact_id = c.contact_id
    LEFT JOIN opp_reach orr ON orr.contact_id = c.contact_id
    GROUP BY c.conv_id, c.value, c.t
    ORDER BY c.conv_id`;
  return { sql, params };
}
