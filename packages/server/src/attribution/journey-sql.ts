import { LIFECYCLE, type LifecycleStage } from '@northstar/core';

/**
 * What counts as a conversion: a contact reaching a lifecycle stage, a won deal (credit = amount),
 * or any revenue (won deals and orders, as sales_revenue counts them).
 */
export const CONVERSIONS = ['lead', 'mql', 'sql', 'sal', 'opportunity', 'customer', 'deal', 'revenue'] as const;
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
  const inRange = (column: string) => `${column} >= make_timestamp($1 * 1000) AND ${column} < make_timestamp($2 * 1000)`;
  const wonDeals = `SELECT 'deal:' || deal_id AS conv_id, contact_id, closed_at AS t, amount AS value FROM deals
          WHERE status = 'won' AND ${inRange('closed_at')}`;
  const orders = `SELECT 'order:' || order_id AS conv_id, contact_id, "timestamp" AS t, amount AS value FROM orders
          WHERE ${inRange('"timestamp"')}`;
  const conversions =
    query.conversion === 'deal'
      ? `conversions AS (${wonDeals})`
      : query.conversion === 'revenue'
        ? `conversions AS (${wonDeals} UNION ALL ${orders})`
        : `${reachSql(query.conversion, 'reach')},
        conversions AS (
          SELECT contact_id AS conv_id, contact_id, t, 1.0 AS value FROM reach WHERE ${inRange('t')})`;
  const touchSource =
    query.by === 'content'
      ? `SELECT l.contact_id, e."timestamp" AS touch_at, e.event_id AS tie, e.path AS key, e.channel
         FROM events e JOIN links l ON e.visitor_id = l.visitor_id WHERE e.type = 'pageview'`
      : `SELECT l.contact_id, s.started_at AS touch_at, s.session_id AS tie, s.${query.by} AS key, s.channel
         FROM sessions s JOIN links l ON s.visitor_id = l.visitor_id`;
  const sql = `WITH
    links AS (SELECT visitor_id, contact_id FROM identities),
    ${conversions},
    touches AS (
      SELECT c.conv_id, x.touch_at, x.tie, coalesce(x.key, '${NOT_SET}') AS key, coalesce(x.channel, '${NOT_SET}') AS channel
      FROM conversions c JOIN (${touchSource}) x ON x.contact_id = c.contact_id
      WHERE x.touch_at <= c.t AND x.touch_at >= c.t - to_days(CAST($3 AS INTEGER)))`;
  return { sql, params };
}

/** Keys are numbered so a touch sorts as one integer: epoch seconds × 2^20 + key number. */
const KEY_BITS = 1048576;

/**
 * Unique paths with their conversions, non-conversions and value, aggregated in the engine so a
 * million journeys come back as a few hundred thousand rows at most. Non-converting journeys are
 * the visitors with touches in [from, to) that are not linked to a converting contact.
 *
 * DuckDB's ordered aggregates (`string_agg(… ORDER BY …)`) are slow with a million groups, so each
 * touch is packed into one integer (time, then key number), the unordered list is sorted with
 * list_sort, and the key numbers are mapped back to names. Touches in the same second are ordered
 * by key name.
 */
export function pathSummarySql(query: JourneyQuery): { sql: string; params: unknown[] } {
  const { sql: ctes, params } = journeyCtes(query);
  const nullTouches =
    query.by === 'content'
      ? `SELECT visitor_id, "timestamp" AS touch_at, path AS key FROM events WHERE type = 'pageview'`
      : `SELECT visitor_id, started_at AS touch_at, ${query.by} AS key FROM sessions`;
  const codes = (alias: string) => `list_sort(list(CAST(epoch(${alias}.touch_at) AS BIGINT) * ${KEY_BITS} + d.kid))`;
  const named = `array_to_string(list_transform(codes, x -> names.l[x % ${KEY_BITS} + 1]), chr(31))`;
  const sql = `${ctes},
    converting_visitors AS (
      SELECT DISTINCT l.visitor_id FROM links l JOIN conversions c ON c.contact_id = l.contact_id),
    null_touches AS (
      SELECT visitor_id, touch_at, coalesce(key, '${NOT_SET}') AS key FROM (${nullTouches}) n
      WHERE touch_at >= make_timestamp($1 * 1000) AND touch_at < make_timestamp($2 * 1000)
        AND visitor_id IS NOT NULL AND visitor_id NOT IN (SELECT visitor_id FROM converting_visitors)),
    dict AS (
      SELECT key, CAST(row_number() OVER (ORDER BY key) - 1 AS BIGINT) AS kid
      FROM (SELECT key FROM touches UNION SELECT key FROM null_touches)),
    names AS (SELECT coalesce(list(key ORDER BY kid), []) AS l FROM dict),
    converted_paths AS (
      SELECT c.conv_id, c.value, ${codes('t')} AS codes
      FROM conversions c JOIN touches t ON t.conv_id = c.conv_id JOIN dict d ON d.key = t.key
      GROUP BY c.conv_id, c.value),
    null_paths AS (
      SELECT ${codes('n')} AS codes
      FROM null_touches n JOIN dict d ON d.key = n.key
      GROUP BY n.visitor_id)
    SELECT path, CAST(sum(conversions) AS DOUBLE) AS conversions, CAST(sum(nulls) AS DOUBLE) AS nulls, CAST(sum(value) AS DOUBLE) AS value FROM (
      SELECT ${named} AS path, 1 AS conversions, 0 AS nulls, value FROM converted_paths, names
      UNION ALL
      SELECT NULL AS path, 1, 0, value FROM conversions WHERE conv_id NOT IN (SELECT conv_id FROM converted_paths)
      UNION ALL
      SELECT ${named}, 0, 1, 0.0 FROM null_paths, names)
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
