/**
 * Retention: raw events (and the sessions derived from them) older than the workspace's limit are
 * deleted. The limit lives in metadata (`privacy_settings`, one document per workspace); the job
 * runs at start and hourly. Aggregates imported from other tools (spend, CRM) are not raw events.
 */
import { AppError } from '@northstar/core';
import type { MetadataStore } from '../meta/metadata-store.ts';
import { dialectFor } from '../metrics/run-query.ts';
import type { Store } from '../store/store.ts';

export interface PrivacySettings {
  /** Days of raw events to keep; null keeps everything. */
  retentionDays: number | null;
  lastRetentionRun: string | null;
}

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
const DAY_MS = 86_400_000;

export async function loadPrivacySettings(meta: MetadataStore, workspace: string): Promise<PrivacySettings> {
  const doc = await meta.get<PrivacySettings>('privacy_settings', workspace);
  return { retentionDays: doc?.body.retentionDays ?? null, lastRetentionRun: doc?.body.lastRetentionRun ?? null };
}

export async function savePrivacySettings(meta: MetadataStore, workspace: string, settings: PrivacySettings): Promise<PrivacySettings> {
  const days = settings.retentionDays;
  if (days !== null && (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS)) {
    throw new AppError('validation', `retentionDays must be a whole number from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}, or null`);
  }
  await meta.put('privacy_settings', workspace, settings);
  return settings;
}

/** 'YYYY-MM-DD HH:MM:SS.mmm' in UTC: what a TIMESTAMP column compares with. */
function sqlTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

const RETAINED = [
  { table: 'ingest_event_ids', column: 'received_at' },
  { table: 'events', column: 'timestamp' },
  { table: 'sessions', column: 'started_at' },
] as const;

/** Deletes raw rows older than `days` before `nowMs`; the counts deleted per table. */
export async function applyRetention(store: Store, days: number, nowMs = Date.now()): Promise<Record<string, number>> {
  const cutoff = sqlTimestamp(nowMs - days * DAY_MS);
  const deleted: Record<string, number> = {};
  for (const { table, column } of RETAINED) {
    const where = `"${column}" < ${dialectFor(store).timestampParam('$1')}`;
    const [row] = await store.query(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`, [cutoff]);
    const n = Number(row?.n ?? 0);
    if (n > 0) await store.deleteWhere(table, where, [cutoff]);
    deleted[table] = n;
  }
  return deleted;
}

/** Applies the workspace's limit, if it has one, and records when. */
export async function runRetention(store: Store, workspace: string, nowMs = Date.now()): Promise<Record<string, number> | null> {
  const settings = await loadPrivacySettings(store.metadata, workspace);
  if (settings.retentionDays === null) return null;
  const deleted = await applyRetention(store, settings.retentionDays, nowMs);
  await store.metadata.put('privacy_settings', workspace, { ...settings, lastRetentionRun: new Date(nowMs).toISOString() });
  return deleted;
}
