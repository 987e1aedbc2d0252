import { STORED_TABLES } from '@northstar/core';
import { META_DDL } from '../../meta/duckdb-metadata-store.ts';
import { createAllTablesSql, createTableSql } from './ddl.ts';
import { REBUILD_CONTACT_REACH_SQL, REBUILD_SESSION_SLOTS_SQL, REBUILD_VISITOR_SESSIONS_SQL } from './derived-tables.ts';

/**
 * Versioned schema migrations, applied in order on open inside one transaction each.
 * Append new versions; never edit a released one.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; description: string; statements: () => string[] }> = [
  {
    version: 1,
    description: 'analytics tables and workspace settings',
    statements: () => [
      ...createAllTablesSql(),
      `CREATE TABLE IF NOT EXISTS workspace (name VARCHAR NOT NULL, timezone VARCHAR NOT NULL, currency VARCHAR NOT NULL)`,
      `INSERT INTO workspace SELECT 'Northstar', 'UTC', 'USD' WHERE NOT EXISTS (SELECT 1 FROM workspace)`,
    ],
  },
  {
    version: 2,
    description: 'metadata documents (dashboards, goals, alerts, keys, users)',
    statements: () => [META_DDL],
  },
  {
    version: 3,
    description: 'ids of live-ingested events with their arrival time, for 24 h retry dedup',
    statements: () => ['CREATE TABLE IF NOT EXISTS ingest_event_ids (event_id VARCHAR NOT NULL, received_at TIMESTAMP NOT NULL)'],
  },
  {
    version: 4,
    description: "the workspace's default attribution model",
    statements: () => ["ALTER TABLE workspace ADD COLUMN IF NOT EXISTS attribution_model VARCHAR DEFAULT 'last_non_direct'"],
  },
  {
    version: 5,
    description: 'identities: which visitor is which contact',
    statements: () => [
      createTableSql(STORED_TABLES.identities),
      `INSERT INTO identities SELECT DISTINCT visitor_id, contact_id FROM events
       WHERE contact_id IS NOT NULL AND contact_id <> '' AND visitor_id IS NOT NULL`,
    ],
  },
  {
    version: 6,
    description: 'contact_reach: lifecycle reach times per contact, kept up to date on load',
    statements: () => [REBUILD_CONTACT_REACH_SQL],
  },
  {
    version: 7,
    description: 'visitor_sessions: pageview sessions with the visitor’s previous one, kept up to date on load',
    statements: () => [REBUILD_VISITOR_SESSIONS_SQL],
  },
  {
    version: 8,
    description: 'session_slots: session counts per 15 minutes, kept up to date on load',
    statements: () => [REBUILD_SESSION_SLOTS_SQL],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
