/**
 * Journey extraction on ClickHouse, from Debian's 18.16 on: the rules of journey-sql.ts (DuckDB)
 * without CTEs or window functions. Subqueries are nested instead (one JOIN per SELECT), right-hand
 * JOIN columns get names of their own (18.16 hides ones named like a left-hand column), and a
 * journey's touches are one groupArray of (time, tie, key, channel) tuples sorted with arraySort.
 * Numbers are inlined: every value here comes from the parsed request, never from text.
 */
import { LIFECYCLE, type LifecycleStage } from '@northstar/core';
import { type JourneyQuery, NOT_SET, PATH_SEPARATOR } from './journey-sql.ts';

const LINKS = 'SELECT visitor_id AS link_visitor_id, contact_id AS link_contact_id FROM identities';

/** Instants are whole seconds here: `t >= from` is `t >= ceil(from)` on a DateTime. */
function inRange(column: string, query: JourneyQuery): string {
  const from = Math.ceil(query.fromMs / 1000);
  const to = Math.ceil(query.toMs / 1000);
  return `${column} >= toDateTime(${from}) AND ${column} < toDateTime(${to})`;
}

const epochMs = (column: string) => `toUInt64(toUInt32(${column})) * 1000`;

/** (contact_id, t): when each contact reached `stage` (that stage or a later one; created_at for lead). */
function reachSql(stage: LifecycleStage): string {
  const later = LIFECYCLE.slice(LIFECYCLE.indexOf(stage))
    .map((s) => `'${s}'`)
    .join(', ');
  const created = stage === 'lead' ? 'UNION ALL SELECT contact_id, created_at AS t FROM contacts' : '';
  return `SELECT contact_id, min(t) AS t FROM (
      SELECT contact_id, "timestamp" AS t FROM stages WHERE stage IN (${later}) ${created}
    ) GROUP BY contact_id`;
}

/** (conv_id, contact_id, t, value) of the conversions in range. */
function conversionsSql(query: JourneyQuery): string {
  const wonDeals = `SELECT concat('deal:', deal_id) AS conv_id, contact_id, closed_at AS t, toFloat64(amount) AS value FROM deals
    WHERE status = 'won' AND ${inRange('closed_at', query)}`;
  const orders = `SELECT concat('order:', order_id) AS conv_id, contact_id, "timestamp" AS t, toFloat64(amount) AS value FROM orders
    WHERE ${inRange('"timestamp"', query)}`;
  switch (query.conversion) {
    case 'deal':
      return wonDeals;
    case 'revenue':
      return `${wonDeals} UNION ALL ${orders}`;
    default:
      return `SELECT contact_id AS conv_id, contact_id, t, toFloat64(1) AS value FROM (${reachSql(query.conversion)})
        WHERE ${inRange('t', query)}`;
  }
}

/**
 * (conv_id, contact_id, value, t, touch_at, tie, touch_key, touch_channel): the touches within the
 * lookback of each conversion. The linked touches are the left side: 18.16 returned garbage for a
 * LEFT JOIN whose right side was itself a JOIN, so no right side here holds one.
 */
function touchesSql(query: JourneyQuery): string {
  const source =
    query.by === 'content'
      ? `SELECT l.link_contact_id AS touch_contact_id, e."timestamp" AS touch_at, e.event_id AS tie, e.path AS raw_key, e.channel AS raw_channel
         FROM events e JOIN (${LINKS}) l ON l.link_visitor_id = e.visitor_id WHERE e.type = 'pageview'`
      : `SELECT l.link_contact_id AS touch_contact_id, s.started_at AS touch_at, s.session_id AS tie, s.${query.by} AS raw_key,
           s.channel AS raw_channel
         FROM sessions s JOIN (${LINKS}) l ON l.link_visitor_id = s.visitor_id`;
  const conversions = `SELECT conv_id, contact_id AS conv_contact_id, value AS conv_value, t AS conv_t FROM (${conversionsSql(query)})`;
  // The contact id comes from the left: 18.16 fails ("Size of filter doesn't match") on a right-hand key in a filtered JOIN.
  return `SELECT c.conv_id AS conv_id, x.touch_contact_id AS contact_id, c.conv_value AS value, c.conv_t AS t, x.touch_at AS touch_at,
      x.tie AS tie, ifNull(x.raw_key, '${NOT_SET}') AS touch_key, ifNull(x.raw_channel, '${NOT_SET}') AS touch_channel
    FROM (${source}) x JOIN (${conversions}) c ON c.conv_contact_id = x.touch_contact_id
    WHERE x.touch_at <= c.conv_t AND x.touch_at >= c.conv_t - ${Math.trunc(query.lookbackDays) * 86_400}`;
}

const SEPARATOR = `'\\x${PATH_SEPARATOR.charCodeAt(0).toString(16).padStart(2, '0')}'`;

/** A sorted path of (epoch second, key) tuples as one separated string; same-second touches by key name. */
const PATH = `arrayStringConcat(arrayMap(p -> tupleElement(p, 2), arraySort(groupArray(tuple(toUInt32(touch_at), touch_key)))), ${SEPARATOR})`;

/** Unique paths with conversions, non-conversions and value, as pathSummarySql in journey-sql.ts. */
export function pathSummarySqlClickHouse(query: JourneyQuery): { sql: string; params: unknown[] } {
  const touches = touchesSql(query);
  const conversions = conversionsSql(query);
  const nullTouches =
    query.by === 'content'
      ? `SELECT visitor_id, "timestamp" AS touch_at, path AS raw_key FROM events WHERE type = 'pageview'`
      : `SELECT visitor_id, started_at AS touch_at, ${query.by} AS raw_key FROM sessions`;
  const convertingVisitors = `SELECT DISTINCT l.link_visitor_id FROM (${LINKS}) l
    JOIN (SELECT contact_id AS conv_contact_id FROM (${conversions})) c ON c.conv_contact_id = l.link_contact_id
    WHERE l.link_visitor_id IS NOT NULL`;
  const nullPaths = `SELECT ${PATH} AS path FROM (
      SELECT visitor_id, touch_at, coalesce(raw_key, '${NOT_SET}') AS touch_key FROM (${nullTouches})
      WHERE ${inRange('touch_at', query)} AND visitor_id IS NOT NULL
        AND assumeNotNull(visitor_id) NOT IN (SELECT assumeNotNull(link_visitor_id) FROM (${convertingVisitors})))
    GROUP BY visitor_id`;
  const sql = `SELECT path, toFloat64(sum(conversions)) AS conversions, toFloat64(sum(nulls)) AS nulls, toFloat64(sum(value)) AS value FROM (
      SELECT CAST(${PATH} AS Nullable(String)) AS path, toUInt64(1) AS conversions, toUInt64(0) AS nulls, toFloat64(any(value)) AS value
        FROM (${touches}) GROUP BY conv_id
      UNION ALL
      SELECT CAST(NULL AS Nullable(String)) AS path, toUInt64(1) AS conversions, toUInt64(0) AS nulls, toFloat64(value) AS value
        FROM (${conversions}) WHERE conv_id NOT IN (SELECT conv_id FROM (${touches}))
      UNION ALL
      SELECT CAST(path AS Nullable(String)) AS path, toUInt64(0) AS conversions, toUInt64(1) AS nulls, toFloat64(0) AS value
        FROM (${nullPaths}))
    GROUP BY path`;
  return { sql, params: [] };
}

/** Converting journeys with each touch's time and the contact's lead and opportunity times, as journeysSql. */
export function journeysSqlClickHouse(query: JourneyQuery): { sql: string; params: unknown[] } {
  const touches = touchesSql(query);
  const path = 'arraySort(groupArray(tuple(touch_at, tie, touch_key, touch_channel)))';
  // toNullable gives both branches of the UNION ALL the same types (18.16 does not unify them).
  const same = 'toNullable(conv_id) AS conv_id, toNullable(contact_id) AS contact_id, toNullable(value) AS value, toNullable(t) AS t';
  const journeys = `SELECT ${same},
        arrayMap(p -> tupleElement(p, 3), ${path}) AS keys,
        arrayMap(p -> tupleElement(p, 4), ${path}) AS channels,
        arrayMap(p -> ${epochMs('tupleElement(p, 1)')}, ${path}) AS times
      FROM (${touches}) GROUP BY conv_id, contact_id, value, t
    UNION ALL
    SELECT ${same}, emptyArrayString() AS keys, emptyArrayString() AS channels, emptyArrayUInt64() AS times
      FROM (${conversionsSql(query)}) WHERE conv_id NOT IN (SELECT conv_id FROM (${touches}))`;
  const withLead = `SELECT j.*, lr.lead_t AS lead_t FROM (${journeys}) j
    LEFT JOIN (SELECT contact_id AS lead_contact_id, t AS lead_t FROM (${reachSql('lead')})) lr ON lr.lead_contact_id = j.contact_id`;
  const withOpportunity = `SELECT jl.*, orr.opp_t AS opp_t FROM (${withLead}) jl
    LEFT JOIN (SELECT contact_id AS opp_contact_id, t AS opp_t FROM (${reachSql('opportunity')})) orr ON orr.opp_contact_id = jl.contact_id`;
  const sql = `SELECT conv_id, value, ${epochMs('t')} AS conv_ms,
      if(lead_t IS NULL, NULL, ${epochMs('lead_t')}) AS lead_ms, if(opp_t IS NULL, NULL, ${epochMs('opp_t')}) AS opp_ms,
      keys, channels, times
    FROM (${withOpportunity})
    ORDER BY conv_id`;
  return { sql, params: [] };
}
