/**
 * The kinds of input Northstar stores, with their columns as users write them in CSV/JSON headers.
 * One declarative table drives validation, import, storage and the README's reference.
 */
export const EVENT_TYPES = ['pageview', 'goal', 'form_view', 'form_submit', 'scroll', 'outbound', 'identify', 'custom'] as const;
export const STAGES = ['lead', 'mql', 'sql', 'sal', 'opportunity', 'customer', 'lost', 'churned'] as const;
/** Lifecycle order; lost and churned are outside it. */
export const LIFECYCLE = ['lead', 'mql', 'sql', 'sal', 'opportunity', 'customer'] as const;
export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export const SPEND_CATEGORIES = ['advertising', 'people', 'software', 'overhead', 'distribution', 'events', 'content', 'other'] as const;
export const DEPARTMENTS = ['marketing', 'sales'] as const;
export const PROGRAMS = ['digital', 'outbound'] as const;

export type EventType = (typeof EVENT_TYPES)[number];
export type Stage = (typeof STAGES)[number];
export type LifecycleStage = (typeof LIFECYCLE)[number];

export type ColumnType = 'id' | 'string' | 'text' | 'timestamp' | 'date' | 'month' | 'number' | 'integer' | 'enum' | 'currency';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required?: boolean;
  /** Allowed values for enum columns. */
  values?: readonly string[];
  /** Used when the column is absent or empty. */
  default?: string | number;
  min?: number;
  max?: number;
  description: string;
}

export interface KindSpec {
  kind: InputKind;
  description: string;
  columns: readonly ColumnSpec[];
  /** Columns whose values identify a row: re-importing a row with the same key replaces it. */
  key: readonly string[];
  /** The money column converted to the reporting currency with fx_rates, if any. */
  money?: { amount: string; currency: string };
  /** Date-like column that places the row in time (for fx conversion and retention). */
  time: string;
}

export const INPUT_KINDS = [
  'events',
  'contacts',
  'stages',
  'deals',
  'orders',
  'spend',
  'budget',
  'social',
  'nps',
  'marketing_events',
  'keywords',
  'fx_rates',
] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

const money = (required: boolean): ColumnSpec[] => [
  { name: 'amount', type: 'number', required, description: 'amount in `currency`' },
  {
    name: 'currency',
    type: 'currency',
    description: 'ISO 4217 code; empty means the reporting currency',
  },
];

export const KIND_SPECS: Record<InputKind, KindSpec> = {
  events: {
    kind: 'events',
    description: 'Website events: pageviews, goals, forms, scrolls, outbound clicks, identify calls.',
    key: ['event_id'],
    time: 'timestamp',
    money: { amount: 'value', currency: 'currency' },
    columns: [
      { name: 'event_id', type: 'id', required: true, description: 'unique id of the event' },
      { name: 'timestamp', type: 'timestamp', required: true, description: 'ISO 8601 time' },
      { name: 'type', type: 'enum', values: EVENT_TYPES, required: true, description: 'event type' },
      { name: 'name', type: 'string', description: 'goal, form or custom event name' },
      { name: 'site', type: 'string', default: 'default', description: 'site id' },
      { name: 'visitor_id', type: 'id', description: 'visitor id (required unless contact_id is set)' },
      { name: 'session_id', type: 'id', description: 'session id; derived (30 min inactivity) when empty' },
      { name: 'contact_id', type: 'id', description: 'CRM contact linked to the visitor' },
      { name: 'url', type: 'text', description: 'page URL (required for pageviews)' },
      { name: 'title', type: 'text', description: 'page title' },
      { name: 'referrer', type: 'text', description: 'referrer URL' },
      { name: 'utm_source', type: 'string', description: 'read from the URL when empty' },
      { name: 'utm_medium', type: 'string', description: 'read from the URL when empty' },
      { name: 'utm_campaign', type: 'string', description: 'read from the URL when empty' },
      { name: 'utm_term', type: 'string', description: 'read from the URL when empty' },
      { name: 'utm_content', type: 'string', description: 'read from the URL when empty' },
      { name: 'user_agent', type: 'text', description: 'browser user agent (device, browser, os)' },
      { name: 'device', type: 'enum', values: ['desktop', 'mobile', 'tablet'], description: 'overrides the user agent' },
      { name: 'country', type: 'string', description: 'ISO 3166 country code' },
      { name: 'value', type: 'number', description: 'goal value' },
      { name: 'currency', type: 'currency', description: 'currency of value' },
      { name: 'experiment', type: 'string', description: 'A/B experiment id' },
      { name: 'variant', type: 'string', description: 'A/B variant shown' },
      { name: 'scroll_percent', type: 'number', min: 0, max: 100, description: 'deepest scroll, 0-100' },
    ],
  },
  contacts: {
    kind: 'contacts',
    description: 'CRM contacts; created_at is when the contact became a lead.',
    key: ['contact_id'],
    time: 'created_at',
    columns: [
      { name: 'contact_id', type: 'id', required: true, description: 'unique id' },
      { name: 'created_at', type: 'timestamp', required: true, description: 'creation time (lead)' },
      { name: 'email', type: 'string', description: 'email address' },
      { name: 'source', type: 'string', description: 'original source (e.g. google)' },
      { name: 'medium', type: 'string', description: 'original medium (e.g. cpc)' },
      { name: 'campaign', type: 'string', description: 'original campaign' },
      { name: 'owner', type: 'string', description: 'sales rep' },
      { name: 'country', type: 'string', description: 'country code' },
      { name: 'program', type: 'enum', values: PROGRAMS, description: 'digital or outbound' },
      { name: 'pipeline', type: 'string', description: 'sales pipeline' },
    ],
  },
  stages: {
    kind: 'stages',
    description: 'Lifecycle stage changes of contacts.',
    key: ['contact_id', 'stage', 'timestamp'],
    time: 'timestamp',
    columns: [
      { name: 'contact_id', type: 'id', required: true, description: 'contact' },
      { name: 'stage', type: 'enum', values: STAGES, required: true, description: 'stage reached' },
      { name: 'timestamp', type: 'timestamp', required: true, description: 'when' },
    ],
  },
  deals: {
    kind: 'deals',
    description: 'Sales deals; won deals count as revenue at closed_at.',
    key: ['deal_id'],
    time: 'created_at',
    money: { amount: 'amount', currency: 'currency' },
    columns: [
      { name: 'deal_id', type: 'id', required: true, description: 'unique id' },
      { name: 'contact_id', type: 'id', description: 'contact' },
      { name: 'created_at', type: 'timestamp', required: true, description: 'creation time' },
      { name: 'closed_at', type: 'timestamp', description: 'close time (required when won or lost)' },
      { name: 'status', type: 'enum', values: DEAL_STATUSES, required: true, description: 'deal status' },
      ...money(true),
      { name: 'owner', type: 'string', description: 'sales rep' },
      { name: 'pipeline', type: 'string', description: 'pipeline' },
      { name: 'product', type: 'string', description: 'product' },
    ],
  },
  orders: {
    kind: 'orders',
    description: 'Orders (purchases); revenue at timestamp.',
    key: ['order_id'],
    time: 'timestamp',
    money: { amount: 'amount', currency: 'currency' },
    columns: [
      { name: 'order_id', type: 'id', required: true, description: 'unique id' },
      { name: 'contact_id', type: 'id', description: 'buyer' },
      { name: 'timestamp', type: 'timestamp', required: true, description: 'time of purchase' },
      ...money(true),
      { name: 'product', type: 'string', description: 'product' },
    ],
  },
  spend: {
    kind: 'spend',
    description: 'Marketing and sales spend; one row per day, channel, campaign, category, department, program and vendor.',
    key: ['date', 'channel', 'campaign', 'category', 'department', 'program', 'vendor'],
    time: 'date',
    money: { amount: 'amount', currency: 'currency' },
    columns: [
      { name: 'date', type: 'date', required: true, description: 'day of the spend' },
      ...money(true),
      { name: 'channel', type: 'string', default: '', description: 'channel (e.g. Paid Search)' },
      { name: 'campaign', type: 'string', default: '', description: 'campaign (matches utm_campaign)' },
      { name: 'category', type: 'enum', values: SPEND_CATEGORIES, default: 'other', description: 'cost category' },
      { name: 'department', type: 'enum', values: DEPARTMENTS, default: 'marketing', description: 'department' },
      { name: 'program', type: 'enum', values: PROGRAMS, default: 'digital', description: 'program' },
      { name: 'vendor', type: 'string', default: '', description: 'vendor or agency' },
    ],
  },
  budget: {
    kind: 'budget',
    description: 'Planned budget per month, channel and department.',
    key: ['month', 'channel', 'department'],
    time: 'month',
    money: { amount: 'amount', currency: 'currency' },
    columns: [
      { name: 'month', type: 'month', required: true, description: 'YYYY-MM' },
      ...money(true),
      { name: 'channel', type: 'string', default: '', description: 'channel' },
      { name: 'department', type: 'enum', values: DEPARTMENTS, default: 'marketing', description: 'department' },
    ],
  },
  social: {
    kind: 'social',
    description: 'Daily snapshots of social accounts.',
    key: ['date', 'network'],
    time: 'date',
    columns: [
      { name: 'date', type: 'date', required: true, description: 'day of the snapshot' },
      { name: 'network', type: 'string', required: true, description: 'facebook, instagram, linkedin, vk …' },
      { name: 'followers', type: 'integer', min: 0, description: 'followers at the end of the day' },
      { name: 'impressions', type: 'integer', min: 0, default: 0, description: 'impressions that day' },
      { name: 'likes', type: 'integer', min: 0, default: 0, description: 'likes that day' },
      { name: 'shares', type: 'integer', min: 0, default: 0, description: 'shares that day' },
      { name: 'comments', type: 'integer', min: 0, default: 0, description: 'comments that day' },
      { name: 'messages', type: 'integer', min: 0, default: 0, description: 'direct messages that day' },
      { name: 'mentions', type: 'integer', min: 0, default: 0, description: 'mentions (tags) that day' },
    ],
  },
  nps: {
    kind: 'nps',
    description: 'NPS survey answers.',
    key: ['response_id'],
    time: 'timestamp',
    columns: [
      { name: 'response_id', type: 'id', required: true, description: 'unique id' },
      { name: 'timestamp', type: 'timestamp', required: true, description: 'when answered' },
      { name: 'score', type: 'integer', required: true, min: 0, max: 10, description: '0-10' },
      { name: 'contact_id', type: 'id', description: 'who answered' },
      { name: 'comment', type: 'text', description: 'free text' },
    ],
  },
  marketing_events: {
    kind: 'marketing_events',
    description: 'Webinars, conferences and other events with registrations and attendance.',
    key: ['marketing_event_id'],
    time: 'date',
    columns: [
      { name: 'marketing_event_id', type: 'id', required: true, description: 'unique id' },
      { name: 'name', type: 'string', required: true, description: 'event name' },
      { name: 'date', type: 'date', required: true, description: 'day of the event' },
      { name: 'registrations', type: 'integer', min: 0, default: 0, description: 'registrations' },
      { name: 'attendees', type: 'integer', min: 0, default: 0, description: 'attendees' },
      { name: 'channel', type: 'string', default: '', description: 'webinar, conference, meetup …' },
    ],
  },
  keywords: {
    kind: 'keywords',
    description: 'Search rankings per day, keyword and URL.',
    key: ['date', 'keyword', 'url'],
    time: 'date',
    columns: [
      { name: 'date', type: 'date', required: true, description: 'day' },
      { name: 'keyword', type: 'string', required: true, description: 'search phrase' },
      { name: 'position', type: 'number', required: true, min: 1, description: 'average position (1 = top)' },
      { name: 'url', type: 'text', default: '', description: 'ranking URL' },
      { name: 'clicks', type: 'integer', min: 0, default: 0, description: 'clicks' },
      { name: 'impressions', type: 'integer', min: 0, default: 0, description: 'impressions' },
    ],
  },
  fx_rates: {
    kind: 'fx_rates',
    description: 'Exchange rates: reporting-currency units per 1 unit of `currency`.',
    key: ['date', 'currency'],
    time: 'date',
    columns: [
      { name: 'date', type: 'date', required: true, description: 'day' },
      { name: 'currency', type: 'currency', required: true, description: 'ISO 4217 code' },
      { name: 'rate', type: 'number', required: true, min: 0, description: 'reporting units per unit (> 0)' },
    ],
  },
};

export function isInputKind(value: string): value is InputKind {
  return (INPUT_KINDS as readonly string[]).includes(value);
}
