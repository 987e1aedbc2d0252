/**
 * SQL that derives sessions from events in DuckDB: more than 30 minutes of inactivity, or a new
 * source/medium/campaign (a direct visit without a campaign is not one), starts a session (the same rule as core's sessionize for live traffic).
 * Only events whose sender gave no session id are re-sessionized, and only for visitors that
 * received such events since the last refresh.
 */
export const SESSIONIZE_SQL = `
UPDATE events SET session_id = derived.sid
FROM (
  WITH touched AS (
    SELECT DISTINCT site, visitor_id FROM events WHERE session_derived AND session_id IS NULL
  ),
  ev AS (
    SELECT e.event_id, e.site, e.visitor_id, e."timestamp",
      CASE WHEN (e.source IS NULL OR e.source = '(direct)') AND e.campaign IS NULL THEN NULL
           ELSE coalesce(e.source, '') || chr(31) || coalesce(e.medium, '') || chr(31) || coalesce(e.campaign, '') END AS source_key
    FROM events e SEMI JOIN touched t ON e.site = t.site AND e.visitor_id = t.visitor_id
    WHERE e.session_derived
  ),
  flagged AS (
    SELECT event_id, site, visitor_id, "timestamp",
      CASE WHEN prev_ts IS NULL OR "timestamp" - prev_ts > INTERVAL 30 MINUTE
                OR (source_key IS NOT NULL AND source_key IS DISTINCT FROM prev_key)
           THEN 1 ELSE 0 END AS starts
    FROM (
      SELECT *,
        lag("timestamp") OVER w AS prev_ts,
        last_value(source_key IGNORE NULLS) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_key
      FROM ev
      WINDOW w AS (PARTITION BY site, visitor_id ORDER BY "timestamp", event_id)
    )
  ),
  grouped AS (
    SELECT *, sum(starts) OVER (PARTITION BY site, visitor_id ORDER BY "timestamp", event_id
                                ROWS UNBOUNDED PRECEDING) AS grp
    FROM flagged
  ),
  started AS (
    SELECT *, epoch_ms(min("timestamp") OVER (PARTITION BY site, visitor_id, grp)) AS start_ms FROM grouped
  ),
  numbered AS (
    -- Two sessions starting in the same millisecond get ':2', ':3' … as core's sessionIdOf does.
    SELECT *, dense_rank() OVER (PARTITION BY site, visitor_id, start_ms ORDER BY grp) AS nth FROM started
  )
  SELECT event_id,
    visitor_id || ':' || CAST(start_ms AS VARCHAR) || CASE WHEN nth > 1 THEN ':' || CAST(nth AS VARCHAR) ELSE '' END AS sid
  FROM numbered
) AS derived
WHERE events.event_id = derived.event_id AND events.session_derived`;

/** One row per session; its attributes are those of its first event (KPIS.md). */
export function sessionsSelectSql(where: string): string {
  return `
SELECT
  session_id,
  first(site ORDER BY "timestamp", event_id) AS site,
  first(visitor_id ORDER BY "timestamp", event_id) AS visitor_id,
  first(contact_id ORDER BY "timestamp", event_id) FILTER (WHERE contact_id IS NOT NULL) AS contact_id,
  min("timestamp") AS started_at,
  max("timestamp") AS ended_at,
  CAST(epoch(max("timestamp")) - epoch(min("timestamp")) AS DOUBLE) AS duration_s,
  CAST(count(*) FILTER (WHERE type = 'pageview') AS INTEGER) AS pageviews,
  CAST(count(*) AS INTEGER) AS events,
  CAST(count(*) FILTER (WHERE type IN ('goal', 'form_submit')) AS INTEGER) AS conversions,
  count(*) FILTER (WHERE type IN ('goal', 'form_submit')) > 0 AS converted,
  count(*) FILTER (WHERE type = 'pageview') = 1 AND count(*) FILTER (WHERE type IN ('goal', 'form_submit')) = 0 AS bounced,
  first(channel ORDER BY "timestamp", event_id) AS channel,
  first(source ORDER BY "timestamp", event_id) AS source,
  first(medium ORDER BY "timestamp", event_id) AS medium,
  first(campaign ORDER BY "timestamp", event_id) AS campaign,
  first(referrer_domain ORDER BY "timestamp", event_id) AS referrer_domain,
  first(path ORDER BY "timestamp", event_id) FILTER (WHERE type = 'pageview') AS landing_page,
  first(device ORDER BY "timestamp", event_id) AS device,
  first(browser ORDER BY "timestamp", event_id) AS browser,
  first(os ORDER BY "timestamp", event_id) AS os,
  first(device_model ORDER BY "timestamp", event_id) AS device_model,
  first(country ORDER BY "timestamp", event_id) FILTER (WHERE country IS NOT NULL) AS country
FROM events
WHERE session_id IS NOT NULL${where === '' ? '' : ` AND ${where}`}
GROUP BY session_id`;
}

export const REBUILD_SESSIONS_SQL = `CREATE OR REPLACE TABLE sessions AS ${sessionsSelectSql('')}`;

/**
 * Rebuilds the sessions listed in temp table _touched_sessions (live ingestion, every second).
 * $1 is a time no touched session started before, so DuckDB skips older row groups of events.
 */
export const TOUCHED_SESSIONS_TABLE_SQL = 'CREATE TEMP TABLE IF NOT EXISTS _touched_sessions (session_id VARCHAR)';
export const REFRESH_TOUCHED_SESSIONS_SQL = [
  'DELETE FROM sessions WHERE session_id IN (SELECT session_id FROM _touched_sessions)',
  `INSERT INTO sessions BY NAME ${sessionsSelectSql('"timestamp" >= epoch_ms(CAST($1 AS BIGINT)) AND session_id IN (SELECT session_id FROM _touched_sessions)')}`,
] as const;

/**
 * Which visitor is which contact: every contact id an event of the visitor carried, where an
 * identify call's `sha256:<hex>` of an email resolves to the contact with that email.
 */
export const REBUILD_IDENTITIES_SQL = `
CREATE OR REPLACE TABLE identities AS
SELECT DISTINCT e.visitor_id, coalesce(c.contact_id, e.contact_id) AS contact_id
FROM (SELECT DISTINCT visitor_id, contact_id FROM events
      WHERE contact_id IS NOT NULL AND contact_id <> '' AND visitor_id IS NOT NULL) e
LEFT JOIN (SELECT contact_id, 'sha256:' || sha256(lower(trim(email))) AS hashed FROM contacts
           WHERE email IS NOT NULL AND email <> '') c ON c.hashed = e.contact_id`;
