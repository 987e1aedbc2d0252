import { SESSION_DIMENSIONS } from '../sources/web.ts';
import type { MetricDef } from '../types.ts';
import { metric } from './define.ts';

const GOAL_DIMENSIONS = [...Object.keys(SESSION_DIMENSIONS), 'goal'].sort();
const perGoal =
  'Per goal (break down or filter by goal: the event’s name, else its type): sessions that reached that goal; a session converting on several goals counts under each, so goal parts may sum to more than the all-goals total.';

export const CONVERSION_METRICS: MetricDef[] = [
  metric(
    'conversions',
    'Conversions',
    'count',
    'up',
    'converted_sessions',
    `Sessions that completed a goal: hold at least one goal or form_submit event. ${perGoal}`,
    { additive: true, dimensions: GOAL_DIMENSIONS },
  ),
  metric(
    'conversion_rate',
    'Conversion rate',
    'rate',
    'up',
    'converted_sessions / sessions',
    `conversions / sessions. All goals: sessions converting on any goal, each once. ${perGoal} Per goal the rate is sessions that reached the goal / all sessions.`,
    { dimensions: GOAL_DIMENSIONS },
  ),
  metric(
    'traffic_to_lead_ratio',
    'Traffic-to-lead ratio',
    'rate',
    'up',
    'web_leads / sessions',
    'New contact rate: leads created in the period that have a linked session started at or before their creation / sessions in the period. Leads break down by their original source (the contact’s own, else its first session’s), sessions by theirs.',
  ),
  metric(
    'view_to_contact_rate',
    'View-to-contact rate',
    'rate',
    'up',
    'page_contact_sessions / page_sessions',
    'Per page: sessions that viewed the page and created a contact / sessions that viewed the page. A session created a contact when it is the contact’s latest linked session started at or before its creation and ended at most 30 min before it.',
  ),
  metric(
    'landing_page_conversion_rate',
    'Landing page conversion rate',
    'rate',
    'up',
    'converted_sessions / sessions',
    'Per landing page (break down by landing_page): converting sessions that entered on it / sessions that entered on it.',
  ),
  metric(
    'form_conversion_rate',
    'Form conversion rate',
    'rate',
    'up',
    'form_submissions / form_views',
    'Per form (break down by form, the event name): form_submit events / form_view events.',
  ),
  metric(
    'mobile_conversion_rate',
    'Mobile conversion rate',
    'rate',
    'up',
    'mobile_converted_sessions / mobile_sessions',
    'conversion_rate restricted to device = mobile; the count is mobile_conversions.',
  ),
  metric(
    'mobile_conversions',
    'Mobile conversions',
    'count',
    'up',
    'mobile_converted_sessions',
    'Converting sessions on a mobile device.',
    { additive: true },
  ),
  metric(
    'social_lead_conversions',
    'Social lead conversions',
    'count',
    'up',
    'social_leads',
    'Leads created in the period whose original channel (own source/medium, else first linked session) is Organic Social or Paid Social; break down by network (their original source).',
    { additive: true },
  ),
  metric(
    'social_customer_conversions',
    'Social customer conversions',
    'count',
    'up',
    'social_customers',
    'Contacts that became customers in the period whose original channel is Organic Social or Paid Social; by network.',
    { additive: true },
  ),
];
