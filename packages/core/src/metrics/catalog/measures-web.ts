import { SOCIAL_CHANNELS } from '../sources/contacts.ts';
import { SESSION_SLOT_SECONDS, SESSION_SLOTS_TABLE, VISITOR_SESSIONS_TABLE } from '../sources/web.ts';
import type { MeasureDef } from '../types.ts';

const session = (id: string, description: string, extra: Partial<MeasureDef> = {}): MeasureDef => ({
  id,
  description,
  source: 'sessions',
  time: 'started_at',
  aggregate: { fn: 'count' },
  ...extra,
});

/** The same sum over the 15-minute rollup, for queries without dimensions or filters whose buckets align with it. */
const fromSlots = (column: string): MeasureDef['derived'] => ({
  table: SESSION_SLOTS_TABLE,
  alignedSeconds: SESSION_SLOT_SECONDS,
  source: 'session_slots',
  time: 'slot_start',
  aggregate: { fn: 'sum', column },
});

export const WEB_MEASURES: MeasureDef[] = [
  session('sessions', 'sessions started in the period', { derived: fromSlots('sessions') }),
  session('visitors', 'distinct visitors with a session holding at least one pageview', {
    aggregate: { fn: 'countDistinct', column: 'visitor_id' },
    where: [{ column: 'pageviews', op: 'gt', value: 0 }],
    // Each visitor's first pageview session in the bucket: a count over one narrow table.
    derived: {
      table: VISITOR_SESSIONS_TABLE,
      source: 'visitor_sessions',
      time: 'started_at',
      aggregate: { fn: 'count' },
      where: [{ column: 'previous_started_at', op: 'beforeBucket', orNull: true }],
    },
  }),
  session('session_pageviews', 'pageviews of sessions started in the period', {
    aggregate: { fn: 'sum', column: 'pageviews' },
    derived: fromSlots('pageviews'),
  }),
  session('session_duration_s', 'total seconds from first to last event of sessions', { aggregate: { fn: 'sum', column: 'duration_s' } }),
  session('bounced_sessions', 'sessions with one pageview and no conversion', {
    where: [{ column: 'bounced', op: 'isTrue' }],
    derived: fromSlots('bounced_sessions'),
  }),
  session('converted_sessions', 'sessions holding a goal or form_submit event', {
    where: [{ column: 'converted', op: 'isTrue' }],
    derived: fromSlots('converted_sessions'),
  }),
  session('organic_sessions', 'sessions whose channel is Organic Search', {
    where: [{ column: 'channel', op: 'eq', value: 'Organic Search' }],
  }),
  session('referral_sessions', 'sessions whose channel is Referral', { where: [{ column: 'channel', op: 'eq', value: 'Referral' }] }),
  session('social_sessions', 'sessions whose channel is Organic Social or Paid Social', {
    where: [{ column: 'channel', op: 'in', values: SOCIAL_CHANNELS }],
  }),
  session('mobile_sessions', 'sessions on a mobile device', { where: [{ column: 'device', op: 'eq', value: 'mobile' }] }),
  session('mobile_converted_sessions', 'converting sessions on a mobile device', {
    where: [
      { column: 'device', op: 'eq', value: 'mobile' },
      { column: 'converted', op: 'isTrue' },
    ],
  }),
  session('handheld_sessions', 'sessions on a mobile or tablet device', {
    where: [{ column: 'device', op: 'in', values: ['mobile', 'tablet'] }],
  }),
  { id: 'pageviews', description: 'pageview events', source: 'pageview_events', time: 'ts', aggregate: { fn: 'count' } },
  {
    id: 'scroll_depth_sum',
    description: 'sum of the deepest scroll (0–1) per session and page',
    source: 'page_scroll',
    time: 'ts',
    aggregate: { fn: 'sum', column: 'depth' },
  },
  {
    id: 'scrolled_pageviews',
    description: 'session-and-page pairs with scroll data',
    source: 'page_scroll',
    time: 'ts',
    aggregate: { fn: 'count' },
  },
  {
    id: 'page_sessions',
    description: 'sessions that viewed the page',
    source: 'page_sessions',
    time: 'started_at',
    aggregate: { fn: 'count' },
  },
  {
    id: 'page_contact_sessions',
    description: 'sessions that viewed the page and created a contact',
    source: 'page_sessions',
    time: 'started_at',
    aggregate: { fn: 'count' },
    where: [{ column: 'created_contact', op: 'isTrue' }],
  },
  {
    id: 'page_bounced_sessions',
    description: 'bounced sessions that viewed the page (a bounce views one page)',
    source: 'page_sessions',
    time: 'started_at',
    aggregate: { fn: 'count' },
    where: [{ column: 'bounced', op: 'isTrue' }],
  },
  {
    id: 'form_views',
    description: 'form_view events',
    source: 'form_events',
    time: 'ts',
    aggregate: { fn: 'count' },
    where: [{ column: 'type', op: 'eq', value: 'form_view' }],
  },
  {
    id: 'form_submissions',
    description: 'form_submit events',
    source: 'form_events',
    time: 'ts',
    aggregate: { fn: 'count' },
    where: [{ column: 'type', op: 'eq', value: 'form_submit' }],
  },
  {
    id: 'exposed_visitors',
    description: 'visitors exposed to a variant',
    source: 'experiment_visitors',
    time: 'first_seen',
    aggregate: { fn: 'count' },
  },
  {
    id: 'exposed_conversions',
    description: 'exposed visitors that converted at or after their first exposure',
    source: 'experiment_visitors',
    time: 'first_seen',
    aggregate: { fn: 'count' },
    where: [{ column: 'converted', op: 'isTrue' }],
  },
];
