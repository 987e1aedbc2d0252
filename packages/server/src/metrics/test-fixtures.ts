/** Builders for the small hand-computed data sets of the metric tests. */
import type { StoredRow, TableName } from '@northstar/core';
import type { Store } from '../store/store.ts';
import { openEngineStore } from '../test-harness/engine-stores.ts';

/** 'YYYY-MM-DD HH:MM[:SS]' read as UTC, to epoch ms. */
export function utc(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

/** An empty store on the engine under test (NORTHSTAR_TEST_ENGINE; DuckDB in memory by default). */
export async function openTestStore(timezone = 'UTC'): Promise<Store> {
  const store = await openEngineStore();
  if (timezone !== 'UTC') await store.updateSettings({ timezone });
  return store;
}

export interface SessionSpec {
  id: string;
  visitor: string;
  /** UTC start, 'YYYY-MM-DD HH:MM'. */
  at: string;
  channel?: string;
  source?: string;
  medium?: string;
  campaign?: string;
  device?: string;
  os?: string;
  device_model?: string;
  referrer_domain?: string;
  contact?: string;
  /** [seconds after start, type, path or name, extra columns]. */
  events: Array<[number, string, string?, Record<string, string | number>?]>;
}

/** Events of one session; every event carries the session's attributes. */
export function sessionEvents(spec: SessionSpec): StoredRow[] {
  const start = utc(spec.at);
  return spec.events.map(([offset, type, target, extra], i) => ({
    event_id: `${spec.id}-${i}`,
    site: 'default',
    timestamp: start + offset * 1000,
    type,
    name: type === 'pageview' ? null : (target ?? null),
    path: type === 'pageview' || type === 'scroll' ? (target ?? '/') : null,
    visitor_id: spec.visitor,
    session_id: spec.id,
    session_derived: false,
    contact_id: spec.contact ?? null,
    channel: spec.channel ?? 'Direct',
    source: spec.source ?? null,
    medium: spec.medium ?? null,
    campaign: spec.campaign ?? null,
    device: spec.device ?? 'desktop',
    os: spec.os ?? null,
    device_model: spec.device_model ?? null,
    referrer_domain: spec.referrer_domain ?? null,
    ...(extra ?? {}),
  }));
}

export async function loadSessions(store: Store, sessions: readonly SessionSpec[]): Promise<void> {
  await store.insertRows('events', sessions.flatMap(sessionEvents));
  await store.refreshSessions();
}

export async function load(store: Store, table: TableName, rows: readonly StoredRow[]): Promise<void> {
  await store.insertRows(table, rows);
}
