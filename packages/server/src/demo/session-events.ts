import type { EventType, ParsedRow } from '@northstar/core';
import type { Arrival, ChannelProfile } from './arrivals.ts';
import { type Country, SITE_ORIGIN } from './company.ts';
import type { Rng } from './prng.ts';
import { CONVERSION_FORM_PAGE, FORM_GOALS, nextPage, OUTBOUND_TARGETS, type Page, pageOf } from './site-pages.ts';
import type { Device } from './user-agents.ts';

export interface Visitor {
  id: string;
  country: Country;
  device: Device;
  userAgent: string;
  contactId: string | null;
  /** End of the visitor's latest session. */
  lastEnd: number;
}

export interface Purchase {
  at: number;
  amount: number;
  currency: string;
}

export interface SessionSpec {
  visitor: Visitor;
  arrival: Arrival;
  start: number;
  purchase: Purchase | undefined;
  experimentRunning: boolean;
  profile: ChannelProfile;
  /** Nothing is written after this instant (today). */
  end: number;
  /** Called on a lead-creating form submission; returns the new contact id. */
  createLead: (at: number, form: string) => string;
  /** Counters for session and event ids, owned by the caller. */
  ids: { session: number; event: number };
}

const EXPERIMENT = 'lp-trial-hero';
const EXPERIMENT_PAGE = '/lp/trial';
/** Variant b of the trial page's hero converts about 30 % better than control. */
const VARIANT_B_LIFT = 1.3;
/** Readers who reach the end of a post and see the newsletter form sign up this often. */
const NEWSLETTER_SIGNUP = 0.04;
const DEVICE_BOUNCE: Record<Device, number> = { desktop: 0.9, mobile: 1.14, tablet: 1.0 };
const DEVICE_CONVERSION: Record<Device, number> = { desktop: 1.15, mobile: 0.65, tablet: 0.85 };
const MAX_PAGES = 8;

const isContent = (path: string) => path.startsWith('/blog/') || path === '/integrations' || path === '/customers';

/**
 * One session's events in time order: pageviews along a path through the site, scroll depth,
 * form views and submissions, goals, the identify call that links a new lead, outbound clicks.
 */
export function writeSession(rng: Rng, sink: { add(kind: 'events', row: ParsedRow): void }, spec: SessionSpec): void {
  const { visitor, arrival, purchase } = spec;
  const { ids } = spec;
  const sessionId = `s-${(++ids.session).toString(36)}`;
  const variant = spec.experimentRunning ? (parseInt(visitor.id.slice(0, 2), 16) & 1 ? 'b' : 'control') : null;

  let path: string[];
  let formIndex = -1;
  if (purchase) {
    path = ['/pricing', '/checkout'];
  } else {
    const landing = pageOf(arrival.landing);
    const bounce = Math.min(0.9, spec.profile.bounce * landing.bounce * DEVICE_BOUNCE[visitor.device]);
    const pages = rng.chance(bounce) ? 1 : 2 + rng.geometric(0.38, MAX_PAGES - 2);
    path = [arrival.landing];
    while (path.length < pages) path.push(nextPage(rng, path[path.length - 1] as string));
    formIndex = conversionPage(rng, path, spec, variant);
  }

  let contactId = visitor.contactId;
  let t = spec.start;
  // Like the tracker, every event of a page carries that page's URL and referrer.
  let pageUrl = '';
  let pageReferrer: string | null = null;
  const event = (type: EventType, at: number, page: Page, name: string | null): ParsedRow => {
    const row: ParsedRow = {
      event_id: `e-${(++ids.event).toString(36)}`,
      timestamp: Math.round(at),
      type,
      name,
      site: 'default',
      visitor_id: visitor.id,
      session_id: sessionId,
      contact_id: contactId,
      url: pageUrl,
      title: null,
      referrer: pageReferrer,
      utm_source: null,
      utm_medium: null,
      utm_campaign: null,
      utm_term: null,
      utm_content: null,
      user_agent: visitor.userAgent,
      device: visitor.device,
      country: visitor.country.code,
      value: null,
      currency: null,
      experiment: null,
      variant: null,
      scroll_percent: null,
    };
    if (variant !== null && page.path === EXPERIMENT_PAGE) {
      row.experiment = EXPERIMENT;
      row.variant = variant;
    }
    return row;
  };

  for (let i = 0; i < path.length; i++) {
    const page = pageOf(path[i] as string);
    const blog = page.path.startsWith('/blog/');
    const dwell = (5 + rng.exp(blog ? 95 : 40)) * 1000;
    if (t > spec.end) break;
    // Today's last visit is cut off at `today`: only its pageview is in the data.
    const last = t + dwell > spec.end;

    pageUrl = i === 0 ? SITE_ORIGIN + page.path + arrival.query : SITE_ORIGIN + page.path;
    pageReferrer = i === 0 ? arrival.referrer : SITE_ORIGIN + (path[i - 1] as string);
    const view = event('pageview', t, page, null);
    view.title = page.title;
    sink.add('events', view);
    if (last) break;
    if (view.experiment !== null) sink.add('events', event('custom', t + 150, page, 'experiment_exposure'));

    const depth = rng.chance(blog ? 0.72 : 0.5) ? scrollDepth(rng, blog) : 0;
    // The newsletter form sits at the end of a post: only readers who get there see it.
    const formSeen = page.form !== undefined && (page.form !== 'newsletter' || depth === 100 || i === formIndex);
    if (formSeen) sink.add('events', event('form_view', t + Math.min(4000, dwell * 0.2), page, page.form as string));
    if (depth > 0) {
      const scroll = event('scroll', t + dwell * 0.6, page, null);
      scroll.scroll_percent = depth;
      sink.add('events', scroll);
    }
    const signsUp = formSeen && (i === formIndex || (page.form === 'newsletter' && rng.chance(NEWSLETTER_SIGNUP)));
    if (signsUp && page.form) {
      const at = t + dwell * 0.8;
      sink.add('events', event('form_submit', at, page, page.form));
      const goal = FORM_GOALS[page.form];
      if (goal) sink.add('events', event('goal', at + 150, page, goal));
      if (contactId === null) {
        contactId = spec.createLead(Math.round(at + 300), page.form);
        visitor.contactId = contactId;
        sink.add('events', event('identify', at + 300, page, null));
      }
    }
    if (purchase && page.path === '/checkout') {
      const goal = event('goal', t + dwell * 0.7, page, 'purchase');
      goal.value = purchase.amount;
      goal.currency = purchase.currency;
      sink.add('events', goal);
    }
    if (isContent(page.path) && rng.chance(i === path.length - 1 ? 0.1 : 0.03)) {
      sink.add('events', event('outbound', t + dwell * 0.9, page, OUTBOUND_TARGETS.pick(rng)));
    }
    t += dwell;
  }
  visitor.lastEnd = t;
}

/**
 * Whether the session converts, and on which page of its path. The page with the strongest pull
 * decides; when it has no form, the visitor goes on to one (demo, trial sign-up, contact).
 */
function conversionPage(rng: Rng, path: string[], spec: SessionSpec, variant: string | null): number {
  let best = 0;
  let pull = 0;
  for (let i = 0; i < path.length; i++) {
    const conversion = pageOf(path[i] as string).conversion;
    if (conversion > pull) {
      pull = conversion;
      best = i;
    }
  }
  const known = spec.visitor.contactId !== null ? 0.5 : 1;
  const lift = variant === 'b' && path[0] === EXPERIMENT_PAGE ? VARIANT_B_LIFT : 1;
  if (!rng.chance(pull * spec.profile.conversion * DEVICE_CONVERSION[spec.visitor.device] * known * lift)) return -1;
  if (pageOf(path[best] as string).form) return best;
  const formPage = CONVERSION_FORM_PAGE.pick(rng);
  if (path.length >= MAX_PAGES) path[MAX_PAGES - 1] = formPage;
  else path.push(formPage);
  return path.length - 1;
}

/** Deepest scroll of a pageview: long reads get read further. */
function scrollDepth(rng: Rng, blog: boolean): number {
  const x = rng.float();
  if (blog) return x < 0.15 ? 25 : x < 0.4 ? 50 : x < 0.75 ? 75 : 100;
  return x < 0.3 ? 25 : x < 0.65 ? 50 : x < 0.88 ? 75 : 100;
}
