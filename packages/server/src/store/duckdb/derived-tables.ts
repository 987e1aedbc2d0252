/**
 * Tables derived from stored ones and kept up to date on load, so metric queries read them instead
 * of re-aggregating on every query:
 * - contact_reach: when each contact reached each lifecycle stage (core's reachSql over contacts
 *   and stages), one row per contact;
 * - visitor_sessions: pageview sessions of known visitors with the start of the visitor's previous
 *   one (core's visitorSessionsSql), in start order so range scans skip row groups;
 * - session_slots: session counts per 15 minutes of start (UTC), for dashboards' headline tiles.
 */
import {
  CONTACT_REACH_TABLE,
  duckdbDialect,
  reachSql,
  SESSION_SLOT_SECONDS,
  SESSION_SLOTS_TABLE,
  type StoredRow,
  type TableName,
  VISITOR_SESSIONS_TABLE,
  visitorSessionsSql,
} from '@northstar/core';
import type { ColumnDef } from './chunk-writer.ts';

export const DERIVED_TABLES: readonly string[] = [CONTACT_REACH_TABLE, VISITOR_SESSIONS_TABLE, SESSION_SLOTS_TABLE];

/** Stored tables contact_reach is computed from. */
export const REACH_INPUTS: ReadonlySet<TableName> = new Set<TableName>(['contacts', 'stages']);

/** Above this many touched contacts a batch rebuilds the whole table, which is then cheaper. */
export const FULL_REBUILD_ABOVE = 50_000;

export const REBUILD_CONTACT_REACH_SQL = `CREATE OR REPLACE TABLE ${CONTACT_REACH_TABLE} AS ${reachSql(duckdbDialect)}`;

export const TOUCHED_CONTACTS_TABLE_SQL = 'CREATE TEMP TABLE IF NOT EXISTS _touched_contacts (contact_id VARCHAR)';

/** Recomputes the rows of the contacts listed in _touched_contacts (the filter reaches the scans). */
export const REFRESH_TOUCHED_CONTACTS_SQL = [
  `DELETE FROM ${CONTACT_REACH_TABLE} WHERE contact_id IN (SELECT contact_id FROM _touched_contacts)`,
  `INSERT INTO ${CONTACT_REACH_TABLE} BY NAME
   SELECT * FROM (${reachSql(duckdbDialect)}) r WHERE r.contact_id IN (SELECT contact_id FROM _touched_contacts)`,
] as const;

export const REBUILD_VISITOR_SESSIONS_SQL = `CREATE OR REPLACE TABLE ${VISITOR_SESSIONS_TABLE} AS ${visitorSessionsSql()} ORDER BY started_at`;

export const TOUCHED_VISITORS_TABLE_SQL = 'CREATE TEMP TABLE IF NOT EXISTS _touched_visitors (visitor_id VARCHAR)';

const TOUCHED = 'visitor_id IN (SELECT visitor_id FROM _touched_visitors)';

/** Recomputes every row of the visitors listed in _touched_visitors. */
export const REFRESH_TOUCHED_VISITORS_SQL = [
  `DELETE FROM ${VISITOR_SESSIONS_TABLE} WHERE ${TOUCHED}`,
  `INSERT INTO ${VISITOR_SESSIONS_TABLE} BY NAME ${visitorSessionsSql(TOUCHED)}`,
] as const;

/** Visitors whose rows name a session that is gone (after deletes), into _touched_visitors. */
export const VANISHED_VISITORS_SQL = `INSERT INTO _touched_visitors
  SELECT DISTINCT v.visitor_id FROM ${VISITOR_SESSIONS_TABLE} v ANTI JOIN sessions s ON s.session_id = v.session_id`;

const SINCE = 'epoch_ms(CAST($1 AS BIGINT))';

/**
 * After live ingestion refreshed the sessions in _touched_sessions (none started before $1, in
 * epoch ms): the rows of their visitors from $1 on, each visitor's first one continuing from its
 * latest row before $1. Only recent row groups are read, apart from the index of visitors.
 */
export const REFRESH_RECENT_VISITOR_SESSIONS_SQL = [
  `INSERT INTO _touched_visitors
     SELECT visitor_id FROM sessions WHERE started_at >= ${SINCE} AND session_id IN (SELECT session_id FROM _touched_sessions)
       AND visitor_id IS NOT NULL
     UNION SELECT visitor_id FROM ${VISITOR_SESSIONS_TABLE}
       WHERE started_at >= ${SINCE} AND session_id IN (SELECT session_id FROM _touched_sessions)`,
  `DELETE FROM ${VISITOR_SESSIONS_TABLE} WHERE started_at >= ${SINCE} AND ${TOUCHED}`,
  `INSERT INTO ${VISITOR_SESSIONS_TABLE} BY NAME
   SELECT session_id, visitor_id, started_at, previous_started_at FROM (
     SELECT session_id, visitor_id, started_at,
       lag(started_at) OVER (PARTITION BY visitor_id ORDER BY started_at, session_id) AS previous_started_at
     FROM (SELECT session_id, visitor_id, started_at FROM sessions
           WHERE started_at >= ${SINCE} AND pageviews > 0 AND ${TOUCHED}
           UNION ALL
           SELECT NULL AS session_id, visitor_id, max(started_at) AS started_at FROM ${VISITOR_SESSIONS_TABLE}
           WHERE started_at < ${SINCE} AND ${TOUCHED} GROUP BY visitor_id) recent
   ) w WHERE session_id IS NOT NULL`,
] as const;

const SLOT = `INTERVAL ${SESSION_SLOT_SECONDS} SECOND`;

function sessionSlotsSql(where: string): string {
  return `SELECT time_bucket(${SLOT}, started_at) AS slot_start, count(*) AS sessions,
      count(*) FILTER (WHERE converted) AS converted_sessions, count(*) FILTER (WHERE bounced) AS bounced_sessions,
      sum(pageviews) AS pageviews
    FROM sessions WHERE started_at IS NOT NULL${where === '' ? '' : ` AND ${where}`} GROUP BY slot_start`;
}

export const REBUILD_SESSION_SLOTS_SQL = `CREATE OR REPLACE TABLE ${SESSION_SLOTS_TABLE} AS ${sessionSlotsSql('')} ORDER BY slot_start`;

/** After live ingestion changed sessions none of which started before $1 (epoch ms): the slots from there on. */
export const REFRESH_RECENT_SESSION_SLOTS_SQL = [
  `DELETE FROM ${SESSION_SLOTS_TABLE} WHERE slot_start >= time_bucket(${SLOT}, ${SINCE})`,
  `INSERT INTO ${SESSION_SLOTS_TABLE} BY NAME ${sessionSlotsSql(`started_at >= time_bucket(${SLOT}, ${SINCE})`)}`,
] as const;

/** The store's main connection inside a write's transaction. */
export interface DerivedTablesConnection {
  run(sql: string, params?: readonly unknown[]): Promise<void>;
  append(table: string, columns: readonly ColumnDef[], rows: readonly StoredRow[]): Promise<void>;
}

/** Brings contact_reach up to date after these contacts' rows changed (or all of them). */
export async function refreshContactReach(db: DerivedTablesConnection, contactIds: ReadonlySet<unknown> | 'all'): Promise<void> {
  if (contactIds === 'all' || contactIds.size > FULL_REBUILD_ABOVE) return db.run(REBUILD_CONTACT_REACH_SQL);
  await db.run(TOUCHED_CONTACTS_TABLE_SQL);
  await db.run('DELETE FROM _touched_contacts');
  await db.append(
    '_touched_contacts',
    [['contact_id', 'string']],
    [...contactIds].map((contact_id) => ({ contact_id: String(contact_id) })),
  );
  for (const sql of REFRESH_TOUCHED_CONTACTS_SQL) await db.run(sql);
}

/**
 * Brings visitor_sessions and session_slots up to date: after the whole sessions table was
 * rebuilt; after live ingestion refreshed the sessions in _touched_sessions (none started before
 * sinceMs); after session rows of these visitors were added; or after sessions were deleted.
 */
export async function refreshSessionTables(
  db: DerivedTablesConnection,
  change: 'all' | { sinceMs: number } | { visitors: readonly string[] } | { deleted: true },
): Promise<void> {
  if (change === 'all') {
    await db.run(REBUILD_VISITOR_SESSIONS_SQL);
    return db.run(REBUILD_SESSION_SLOTS_SQL);
  }
  await db.run(TOUCHED_VISITORS_TABLE_SQL);
  await db.run('DELETE FROM _touched_visitors');
  if ('sinceMs' in change) {
    const since = [Math.floor(change.sinceMs)];
    for (const sql of [...REFRESH_RECENT_VISITOR_SESSIONS_SQL, ...REFRESH_RECENT_SESSION_SLOTS_SQL]) await db.run(sql, since);
    return;
  }
  await db.run(REBUILD_SESSION_SLOTS_SQL);
  if ('visitors' in change) {
    const visitors = [...new Set(change.visitors)].map((visitor_id) => ({ visitor_id }));
    await db.append('_touched_visitors', [['visitor_id', 'string']], visitors);
  } else {
    await db.run(VANISHED_VISITORS_SQL);
  }
  for (const sql of REFRESH_TOUCHED_VISITORS_SQL) await db.run(sql);
}
