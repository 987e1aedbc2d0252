import type { SessionSpec } from './test-fixtures.ts';

/**
 * Five sessions in Jan–Feb 2026 (UTC):
 * s1 v1 01-05 10:00 Organic Search desktop /home: pageview, pageview /pricing, goal (converted) — 300 s
 * s2 v1 01-20 09:00 Direct mobile /home: one pageview (bounce) — 0 s
 * s3 v2 01-31 23:30 Organic Social (facebook) mobile /blog: pageview, scroll 80, pageview /pricing — 600 s
 *    (in Europe/Warsaw this is 02-01 00:30)
 * s4 v3 02-10 12:00 Referral (example.com) desktop /pricing: pageview, form_view, form_submit
 *    (converted, contact c3 created 12:03) — 180 s
 * s5 v4 02-15 08:00 Paid Social (instagram) tablet /home: pageview, scroll 50 (bounce) — 60 s
 */
export const WEB_SESSIONS: SessionSpec[] = [
  {
    id: 's1',
    visitor: 'v1',
    at: '2026-01-05 10:00',
    channel: 'Organic Search',
    source: 'google',
    medium: 'organic',
    events: [
      [0, 'pageview', '/home'],
      [120, 'pageview', '/pricing'],
      [300, 'goal', 'signup'],
    ],
  },
  {
    id: 's2',
    visitor: 'v1',
    at: '2026-01-20 09:00',
    device: 'mobile',
    os: 'iOS',
    device_model: 'iPhone',
    events: [[0, 'pageview', '/home']],
  },
  {
    id: 's3',
    visitor: 'v2',
    at: '2026-01-31 23:30',
    channel: 'Organic Social',
    source: 'facebook',
    medium: 'social',
    device: 'mobile',
    os: 'Android',
    device_model: 'Pixel 8',
    events: [
      [0, 'pageview', '/blog'],
      [60, 'scroll', '/blog', { scroll_percent: 80 }],
      [600, 'pageview', '/pricing'],
    ],
  },
  {
    id: 's4',
    visitor: 'v3',
    at: '2026-02-10 12:00',
    channel: 'Referral',
    source: 'example.com',
    medium: 'referral',
    referrer_domain: 'example.com',
    events: [
      [0, 'pageview', '/pricing'],
      [60, 'form_view', 'contact'],
      [180, 'form_submit', 'contact', { contact_id: 'c3' }],
    ],
  },
  {
    id: 's5',
    visitor: 'v4',
    at: '2026-02-15 08:00',
    channel: 'Paid Social',
    source: 'instagram',
    medium: 'paid_social',
    device: 'tablet',
    os: 'iPadOS',
    device_model: 'iPad',
    events: [
      [0, 'pageview', '/home'],
      [60, 'scroll', '/home', { scroll_percent: 50 }],
    ],
  },
];
