/** Web sources: sessions (one row each, attributes of its first event) and event-level views. */
import type { SourceContext, SourceDef } from '../types.ts';

/** Session attributes usable as dimensions; `network` is the source of social sessions. */
export const SESSION_DIMENSIONS = {
  channel: 'channel',
  source: 'source',
  medium: 'medium',
  campaign: 'campaign',
  referrer_domain: 'referrer_domain',
  landing_page: 'landing_page',
  device: 'device',
  browser: 'browser',
  os: 'os',
  device_model: 'device_model',
  country: 'country',
  site: 'site',
  network: 'source',
} as const;

const SESSION_COLUMNS = [...new Set(Object.values(SESSION_DIMENSIONS))];

/**
 * The session columns a query needs, read from `alias`. Named explicitly: ClickHouse 18.16 names a
 * right-hand JOIN column `s.channel` when the left-hand side has a `channel` too.
 */
function sessionColumns(alias: string, needs: ReadonlySet<string>): string {
  return SESSION_COLUMNS.filter((c) => needs.has(c))
    .map((c) => `, ${alias}.${c} AS ${c}`)
    .join('');
}

function needsSession(needs: ReadonlySet<string>, extra: readonly string[] = []): boolean {
  return SESSION_COLUMNS.some((c) => needs.has(c)) || extra.some((c) => needs.has(c));
}

/**
 * The session during which each contact was created: its latest linked session that started at or
 * before the creation time and ended at most 30 minutes before it.
 */
export function creatingSessionsSql({ dialect: d }: SourceContext, contactSessions: string): string {
  return `SELECT ${d.argMax('l.session_id', 'l.started_at')} AS session_id
    FROM (${contactSessions}) l JOIN contacts c ON c.contact_id = l.contact_id
    WHERE l.started_at <= c.created_at AND c.created_at <= ${d.addSeconds('l.ended_at', 1800)}
    GROUP BY l.contact_id`;
}

/**
 * Sessions linked to contacts: through the visitor's identities (any event of the visitor carrying
 * the contact's id, or the hash of its email), or the session's own contact id when it has no visitor.
 */
export function contactSessionsSql(): string {
  const columns = 's.session_id, s.started_at, s.ended_at, s.channel, s.source, s.medium, s.campaign, s.landing_page, s.country';
  // Renamed on the right: ClickHouse 18.16 hides right-hand JOIN columns named like left-hand ones.
  return `SELECT i.linked_contact_id AS contact_id, ${columns} FROM sessions s
    JOIN (SELECT visitor_id AS linked_visitor_id, contact_id AS linked_contact_id FROM identities) i ON i.linked_visitor_id = s.visitor_id
    UNION ALL
    SELECT s.contact_id, ${columns} FROM sessions s
    WHERE s.visitor_id IS NULL AND s.contact_id IS NOT NULL AND s.contact_id <> ''`;
}

/** The goal an event reached: its name, or its type when it has none (a nameless form_submit). */
const GOAL_OF_EVENT = `coalesce(NULLIF(name, ''), type)`;
const CONVERSION_EVENTS = `type IN ('goal', 'form_submit')`;

/**
 * Sessions once per goal: every session under every goal any event ever reached, converted when
 * the session reached that goal. Per goal, sessions are all sessions and conversions those that
 * reached it, so a session converting on two goals counts under both.
 */
function sessionsPerGoalSql(needs: ReadonlySet<string>): string {
  const columns = [...new Set(['session_id', ...needs])].filter((c) => c !== 'goal' && c !== 'converted');
  // Nested: one JOIN per SELECT (ClickHouse 18.16).
  return `SELECT ${columns.map((c) => `x.${c} AS ${c}`).join(', ')}, x.goal AS goal, sg.goal_session_id IS NOT NULL AS converted
    FROM (SELECT ${columns.map((c) => `s.${c} AS ${c}`).join(', ')}, g.goal_name AS goal FROM sessions s
          CROSS JOIN (SELECT DISTINCT ${GOAL_OF_EVENT} AS goal_name FROM events WHERE ${CONVERSION_EVENTS}) g) x
    LEFT JOIN (SELECT DISTINCT session_id AS goal_session_id, ${GOAL_OF_EVENT} AS reached_goal FROM events
               WHERE ${CONVERSION_EVENTS} AND session_id IS NOT NULL) sg
      ON sg.goal_session_id = x.session_id AND sg.reached_goal = x.goal`;
}

/** Name of the table of visitorSessionsSql's rows that an engine may keep up to date on load. */
export const VISITOR_SESSIONS_TABLE = 'visitor_sessions';

/**
 * Sessions with at least one pageview of known visitors, each with the start of the visitor's
 * previous such session (ordered by start, then session id). A visitor's first session in a
 * bucket is the one whose previous session lies before the bucket: counting those counts
 * distinct visitors without a distinct aggregate.
 */
export function visitorSessionsSql(where = ''): string {
  return `SELECT session_id, visitor_id, started_at,
      lag(started_at) OVER (PARTITION BY visitor_id ORDER BY started_at, session_id) AS previous_started_at
    FROM sessions WHERE pageviews > 0 AND visitor_id IS NOT NULL${where === '' ? '' : ` AND ${where}`}`;
}

/** Name of a table of session counts per 15 minutes of start (UTC) that an engine may keep up to date on load. */
export const SESSION_SLOTS_TABLE = 'session_slots';
export const SESSION_SLOT_SECONDS = 900;

export const WEB_SOURCES: SourceDef[] = [
  {
    id: 'session_slots',
    description: `sessions, converting and bounced sessions and their pageviews per ${SESSION_SLOT_SECONDS / 60} minutes of start, UTC (the derived table ${SESSION_SLOTS_TABLE}; only read when the engine keeps it)`,
    dimensions: {},
    timeColumns: { slot_start: 'timestamp' },
    sql: () => `SELECT * FROM ${SESSION_SLOTS_TABLE}`,
  },
  {
    id: 'visitor_sessions',
    description: `pageview sessions of known visitors with the start of the visitor's previous one (the derived table ${VISITOR_SESSIONS_TABLE}; only read when the engine keeps it)`,
    dimensions: {},
    timeColumns: { started_at: 'timestamp', previous_started_at: 'timestamp' },
    sql: () => `SELECT * FROM ${VISITOR_SESSIONS_TABLE}`,
  },
  {
    id: 'sessions',
    description:
      'one row per session, placed at its start; attributes of its first event. By goal: one row per session and goal, converted when the session reached that goal',
    dimensions: { ...SESSION_DIMENSIONS, goal: 'goal' },
    optInDimensions: ['goal'],
    timeColumns: { started_at: 'timestamp' },
    sql: ({ needs }) => (needs.has('goal') ? sessionsPerGoalSql(needs) : 'SELECT * FROM sessions'),
  },
  {
    id: 'pageview_events',
    description: 'pageview events with the attributes of their session; page = URL path',
    dimensions: { ...SESSION_DIMENSIONS, page: 'page' },
    timeColumns: { ts: 'timestamp' },
    sql: ({ needs }) =>
      needsSession(needs)
        ? `SELECT e."timestamp" AS ts, e.path AS page${sessionColumns('s', needs)}
           FROM events e LEFT JOIN sessions s ON s.session_id = e.session_id WHERE e.type = 'pageview'`
        : `SELECT "timestamp" AS ts, path AS page FROM events WHERE type = 'pageview'`,
  },
  {
    id: 'page_scroll',
    description: 'one row per session and page with scroll data: the deepest scroll percent / 100',
    dimensions: { ...SESSION_DIMENSIONS, page: 'page' },
    timeColumns: { ts: 'timestamp' },
    sql: ({ needs }) => {
      const views = `SELECT session_id, path AS page, min("timestamp") AS ts,
          max(scroll_percent) / 100.0 AS depth
        FROM events WHERE scroll_percent IS NOT NULL GROUP BY session_id, path`;
      return needsSession(needs)
        ? `SELECT v.*${sessionColumns('s', needs)} FROM (${views}) v LEFT JOIN sessions s ON s.session_id = v.session_id`
        : views;
    },
  },
  {
    id: 'page_sessions',
    description: 'one row per session and page it viewed, with whether the session created a contact',
    dimensions: { ...SESSION_DIMENSIONS, page: 'page' },
    timeColumns: { started_at: 'timestamp' },
    sql: (context) => {
      // Joined before DISTINCT, so the range on started_at reaches the sessions scan and only the
      // range's page views are deduplicated (not every page view ever).
      const viewed = `SELECT DISTINCT e.session_id, e.path AS page, s.started_at, s.bounced, s.converted${sessionColumns('s', context.needs)}
        FROM events e JOIN sessions s ON s.session_id = e.session_id
        WHERE e.type = 'pageview'`;
      if (!context.needs.has('created_contact')) return viewed;
      // One JOIN per SELECT (ClickHouse 18.16): the creating sessions join the nested page views.
      return `SELECT ps.*, cs.creating_session_id IS NOT NULL AS created_contact FROM (${viewed}) ps
        LEFT JOIN (SELECT session_id AS creating_session_id FROM (${creatingSessionsSql(context, contactSessionsSql())}) c0) cs
          ON cs.creating_session_id = ps.session_id`;
    },
  },
  {
    id: 'form_events',
    description: 'form_view and form_submit events; form = the event name',
    dimensions: { ...SESSION_DIMENSIONS, form: 'form', page: 'page' },
    timeColumns: { ts: 'timestamp' },
    sql: ({ needs }) => {
      const base = `e."timestamp" AS ts, e.type, e.name AS form, e.path AS page`;
      return needsSession(needs)
        ? `SELECT ${base}${sessionColumns('s', needs)} FROM events e LEFT JOIN sessions s ON s.session_id = e.session_id
           WHERE e.type IN ('form_view', 'form_submit')`
        : `SELECT ${base} FROM events e WHERE e.type IN ('form_view', 'form_submit')`;
    },
  },
  {
    id: 'experiment_visitors',
    description:
      'one row per experiment, variant and visitor, at the first exposure; converted when the visitor has a goal or form_submit event at or after it',
    dimensions: { experiment: 'experiment', variant: 'variant' },
    timeColumns: { first_seen: 'timestamp' },
    sql: () => {
      const exposures = `SELECT experiment, variant, visitor_id, min("timestamp") AS first_seen FROM events
        WHERE experiment <> '' AND variant <> '' AND visitor_id IS NOT NULL GROUP BY experiment, variant, visitor_id`;
      return `SELECT x.experiment, x.variant, x.visitor_id, x.first_seen, cv.visitor_id IS NOT NULL AS converted
        FROM (${exposures}) x
        LEFT JOIN (SELECT x2.experiment, x2.variant, x2.visitor_id FROM (${exposures}) x2
                   JOIN events e ON e.visitor_id = x2.visitor_id
                   WHERE e.type IN ('goal', 'form_submit') AND e."timestamp" >= x2.first_seen
                   GROUP BY x2.experiment, x2.variant, x2.visitor_id) cv
          ON cv.experiment = x.experiment AND cv.variant = x.variant AND cv.visitor_id = x.visitor_id`;
    },
  },
  {
    id: 'event_rows',
    description: 'every event with the attributes of its session; page = URL path, event_name = name',
    dimensions: { ...SESSION_DIMENSIONS, page: 'page', event_type: 'type', event_name: 'name' },
    timeColumns: { ts: 'timestamp' },
    sql: ({ needs }) => {
      const base = `e."timestamp" AS ts, e.type, e.name, e.path AS page, e.value`;
      return needsSession(needs)
        ? `SELECT ${base}${sessionColumns('s', needs)} FROM events e LEFT JOIN sessions s ON s.session_id = e.session_id`
        : `SELECT ${base} FROM events e`;
    },
  },
];
