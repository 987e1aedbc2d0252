/**
 * The stored tables, in engine-neutral types. Each engine adapter turns this into its DDL, so
 * DuckDB and ClickHouse hold the same columns. Input kinds map onto tables of the same name with
 * derived columns added (channel, device, converted amounts …); `sessions` is derived from events,
 * and `identities` (which visitor is which contact) from events and contacts.
 */
export type StoredType = 'string' | 'timestamp' | 'date' | 'double' | 'integer' | 'boolean';

export interface StoredTable {
  name: string;
  columns: ReadonlyArray<readonly [name: string, type: StoredType]>;
  /** Row identity: a row with the same key replaces the stored one. */
  key: readonly string[];
}

const s = 'string' as const;
const ts = 'timestamp' as const;
const d = 'date' as const;
const f = 'double' as const;
const i = 'integer' as const;
const b = 'boolean' as const;

export const STORED_TABLES = {
  events: {
    name: 'events',
    key: ['event_id'],
    columns: [
      ['event_id', s],
      ['site', s],
      ['timestamp', ts],
      ['type', s],
      ['name', s],
      ['visitor_id', s],
      ['session_id', s],
      ['session_derived', b],
      ['contact_id', s],
      ['url', s],
      ['host', s],
      ['path', s],
      ['title', s],
      ['referrer', s],
      ['referrer_domain', s],
      ['utm_source', s],
      ['utm_medium', s],
      ['utm_campaign', s],
      ['utm_term', s],
      ['utm_content', s],
      ['click_id', s],
      ['source', s],
      ['medium', s],
      ['campaign', s],
      ['channel', s],
      ['device', s],
      ['browser', s],
      ['os', s],
      ['device_model', s],
      ['country', s],
      ['value', f],
      ['value_original', f],
      ['currency', s],
      ['experiment', s],
      ['variant', s],
      ['scroll_percent', f],
    ],
  },
  sessions: {
    name: 'sessions',
    key: ['session_id'],
    columns: [
      ['session_id', s],
      ['site', s],
      ['visitor_id', s],
      ['contact_id', s],
      ['started_at', ts],
      ['ended_at', ts],
      ['duration_s', f],
      ['pageviews', i],
      ['events', i],
      ['conversions', i],
      ['converted', b],
      ['bounced', b],
      ['channel', s],
      ['source', s],
      ['medium', s],
      ['campaign', s],
      ['referrer_domain', s],
      ['landing_page', s],
      ['device', s],
      ['browser', s],
      ['os', s],
      ['device_model', s],
      ['country', s],
    ],
  },
  identities: {
    name: 'identities',
    key: ['visitor_id', 'contact_id'],
    columns: [
      ['visitor_id', s],
      ['contact_id', s],
    ],
  },
  contacts: {
    name: 'contacts',
    key: ['contact_id'],
    columns: [
      ['contact_id', s],
      ['created_at', ts],
      ['email', s],
      ['source', s],
      ['medium', s],
      ['campaign', s],
      ['channel', s],
      ['owner', s],
      ['country', s],
      ['program', s],
      ['pipeline', s],
    ],
  },
  stages: {
    name: 'stages',
    key: ['contact_id', 'stage', 'timestamp'],
    columns: [
      ['contact_id', s],
      ['stage', s],
      ['timestamp', ts],
    ],
  },
  deals: {
    name: 'deals',
    key: ['deal_id'],
    columns: [
      ['deal_id', s],
      ['contact_id', s],
      ['created_at', ts],
      ['closed_at', ts],
      ['status', s],
      ['amount', f],
      ['amount_original', f],
      ['currency', s],
      ['owner', s],
      ['pipeline', s],
      ['product', s],
    ],
  },
  orders: {
    name: 'orders',
    key: ['order_id'],
    columns: [
      ['order_id', s],
      ['contact_id', s],
      ['timestamp', ts],
      ['amount', f],
      ['amount_original', f],
      ['currency', s],
      ['product', s],
    ],
  },
  spend: {
    name: 'spend',
    key: ['date', 'channel', 'campaign', 'category', 'department', 'program', 'vendor'],
    columns: [
      ['date', d],
      ['amount', f],
      ['amount_original', f],
      ['currency', s],
      ['channel', s],
      ['campaign', s],
      ['category', s],
      ['department', s],
      ['program', s],
      ['vendor', s],
    ],
  },
  budget: {
    name: 'budget',
    key: ['month', 'channel', 'department'],
    columns: [
      ['month', d],
      ['amount', f],
      ['amount_original', f],
      ['currency', s],
      ['channel', s],
      ['department', s],
    ],
  },
  social: {
    name: 'social',
    key: ['date', 'network'],
    columns: [
      ['date', d],
      ['network', s],
      ['followers', i],
      ['impressions', i],
      ['likes', i],
      ['shares', i],
      ['comments', i],
      ['messages', i],
      ['mentions', i],
    ],
  },
  nps: {
    name: 'nps',
    key: ['response_id'],
    columns: [
      ['response_id', s],
      ['timestamp', ts],
      ['score', i],
      ['contact_id', s],
      ['comment', s],
    ],
  },
  marketing_events: {
    name: 'marketing_events',
    key: ['marketing_event_id'],
    columns: [
      ['marketing_event_id', s],
      ['name', s],
      ['date', d],
      ['registrations', i],
      ['attendees', i],
      ['channel', s],
    ],
  },
  keywords: {
    name: 'keywords',
    key: ['date', 'keyword', 'url'],
    columns: [
      ['date', d],
      ['keyword', s],
      ['position', f],
      ['url', s],
      ['clicks', i],
      ['impressions', i],
    ],
  },
  fx_rates: {
    name: 'fx_rates',
    key: ['date', 'currency'],
    columns: [
      ['date', d],
      ['currency', s],
      ['rate', f],
    ],
  },
} as const satisfies Record<string, StoredTable>;

export type TableName = keyof typeof STORED_TABLES;
export type StoredRow = Record<string, string | number | boolean | null>;
