/**
 * Metadata (dashboards, goals, alerts, API keys, users …) as JSON documents in named collections.
 * Embedded: a table in the DuckDB file; scale-out: the same table in PostgreSQL.
 */
export const COLLECTIONS = [
  'api_keys',
  'ingest',
  'users',
  'dashboards',
  'goals',
  'alerts',
  'custom_metrics',
  'share_links',
  'audit_log',
  'alert_events',
  'outbox',
  'report_schedules',
  'report_runs',
  'report_failures',
  'notification_settings',
  'user_sessions',
  'privacy_settings',
  'workspaces',
  'sites',
] as const;
export type Collection = (typeof COLLECTIONS)[number];

export interface MetaDocument<T = Record<string, unknown>> {
  id: string;
  collection: Collection;
  body: T;
  createdAt: string;
  updatedAt: string;
}

export interface MetadataStore {
  get<T>(collection: Collection, id: string): Promise<MetaDocument<T> | undefined>;
  list<T>(collection: Collection): Promise<MetaDocument<T>[]>;
  /** Documents whose body has `field` equal to `value` (top-level field). */
  findBy<T>(collection: Collection, field: string, value: string): Promise<MetaDocument<T>[]>;
  /** Creates or replaces a document. */
  put<T>(collection: Collection, id: string, body: T): Promise<MetaDocument<T>>;
  /** True when a document was deleted. */
  delete(collection: Collection, id: string): Promise<boolean>;
}
