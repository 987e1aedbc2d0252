/**
 * Sessions on ClickHouse, without window functions. Session ids of events whose sender gave none
 * are assigned by core's sessionizeEvents (the rule DuckDB's SQL implements) over each touched
 * visitor's events, read in (time, event_id) order; the session rows are then one GROUP BY over
 * events, each attribute taken from the session's first event with argMin.
 */
import { sessionizeEvents } from '@northstar/core';

/** Orders a session's events by time, then event id, as one comparable string. */
const ORDER_KEY = `concat(toString("timestamp"), '|', ifNull(event_id, ''))`;

/** The attribute of the session's first event, NULL included (a bare argMin would skip NULLs). */
function first(column: string, condition?: string): string {
  const tuple = `tuple(${column})`;
  return condition ? `tupleElement(argMinIf(${tuple}, _k, ${condition}), 1)` : `tupleElement(argMin(${tuple}, _k), 1)`;
}

const CONVERSION = `type IN ('goal', 'form_submit')`;

export const SESSION_COLUMNS_SQL = `
  session_id,
  ${first('site')} AS site,
  ${first('visitor_id')} AS visitor_id,
  argMin(contact_id, _k) AS contact_id,
  min("timestamp") AS started_at,
  max("timestamp") AS ended_at,
  toFloat64(toUInt32(max("timestamp"))) - toFloat64(toUInt32(min("timestamp"))) AS duration_s,
  toInt32(countIf(type = 'pageview')) AS pageviews,
  toInt32(count()) AS events,
  toInt32(countIf(${CONVERSION})) AS conversions,
  toUInt8(countIf(${CONVERSION}) > 0) AS converted,
  toUInt8(countIf(type = 'pageview') = 1 AND countIf(${CONVERSION}) = 0) AS bounced,
  ${first('channel')} AS channel,
  ${first('source')} AS source,
  ${first('medium')} AS medium,
  ${first('campaign')} AS campaign,
  ${first('referrer_domain')} AS referrer_domain,
  ${first('path', "type = 'pageview'")} AS landing_page,
  ${first('device')} AS device,
  ${first('browser')} AS browser,
  ${first('os')} AS os,
  ${first('device_model')} AS device_model,
  argMin(country, _k) AS country`;

/** SELECT of session rows (with `_version`) from events matching `where`. */
export function sessionsSelectSql(where: string, version: number): string {
  return `SELECT ${SESSION_COLUMNS_SQL}, toUInt64(${version}) AS _version
    FROM (SELECT *, ${ORDER_KEY} AS _k FROM events WHERE session_id IS NOT NULL${where === '' ? '' : ` AND ${where}`})
    GROUP BY session_id`;
}

/**
 * Events of the sessions in bucket `bucket` of `buckets`, by a hash of the session id: the rows
 * are grouped by session id, so each session is aggregated whole in exactly one bucket and the
 * union of the buckets equals the single query (a bucket by visitor would split a sender's session
 * whose events name more than one visitor, or none). The condition sits in the WHERE over the
 * FINAL view, so it is applied after the dedup (FINAL disables the move to PREWHERE) and, in a
 * cluster, on each shard, with the per-shard partial aggregates merged as before.
 */
export function sessionBucketWhere(bucket: number, buckets: number): string {
  return `cityHash64(assumeNotNull(session_id)) % ${buckets} = ${bucket}`;
}

/** Derived events of the visitors that have an event without a session id yet. */
export const TOUCHED_EVENTS_SQL = `
  SELECT event_id, ifNull(site, '') AS site, visitor_id, session_id, toUInt64(toUInt32("timestamp")) * 1000 AS ts_ms, source, medium, campaign
  FROM events
  WHERE session_derived = 1 AND visitor_id IS NOT NULL
    AND concat(ifNull(site, ''), '|', visitor_id) IN (
      SELECT concat(ifNull(site, ''), '|', visitor_id) FROM events
      WHERE session_derived = 1 AND session_id IS NULL AND visitor_id IS NOT NULL)
  ORDER BY site, visitor_id, "timestamp", event_id`;

export interface TouchedEvent {
  event_id: string;
  site: string;
  visitor_id: string;
  session_id: string | null;
  ts_ms: number;
  source: string | null;
  medium: string | null;
  campaign: string | null;
}

/** event_id → new session id, for the events whose session id changes. */
export function assignSessions(events: readonly TouchedEvent[]): Map<string, string> {
  const changes = new Map<string, string>();
  let start = 0;
  while (start < events.length) {
    const head = events[start] as TouchedEvent;
    let end = start + 1;
    while (end < events.length && events[end]?.visitor_id === head.visitor_id && events[end]?.site === head.site) end++;
    const group = events.slice(start, end);
    const assigned = sessionizeEvents(
      head.visitor_id,
      group.map((e) => ({ timestampMs: Number(e.ts_ms), source: e.source, medium: e.medium, campaign: e.campaign })),
    );
    group.forEach((event, i) => {
      const sessionId = assigned[i]?.sessionId;
      if (sessionId !== undefined && sessionId !== event.session_id) changes.set(event.event_id, sessionId);
    });
    start = end;
  }
  return changes;
}
