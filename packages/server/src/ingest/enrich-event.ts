/**
 * Enrichment at ingest (live and imported events alike): a validated `events` row becomes the
 * stored row of table `events` — URL parts, UTM and click id from the query string, source, medium,
 * campaign and GA4 channel, device/browser/os from the user agent — or is dropped as a bot. The
 * user agent itself is never stored.
 */
import { type Channel, type ClickIdParam, classifyChannel, type ParsedVisit, parseVisit, resolveSource } from '@northstar/core';
import { isbot, isbotMatch } from 'isbot';
import UAParser from 'ua-parser-js';

export type Device = 'desktop' | 'mobile' | 'tablet';

/** One stored row of table `events` (STORED_TABLES.events, same columns in the same order). */
export interface EnrichedEvent {
  event_id: string;
  site: string;
  timestamp: number;
  type: string;
  name: string | null;
  visitor_id: string | null;
  session_id: string | null;
  /** True when session_id was empty: the store sessionizes the event later. */
  session_derived: boolean;
  contact_id: string | null;
  url: string | null;
  host: string | null;
  path: string | null;
  title: string | null;
  referrer: string | null;
  referrer_domain: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  /** Name of the click id parameter on the URL (`gclid`), not its value. */
  click_id: ClickIdParam | null;
  /** Null (with medium, campaign, channel) when the event brings no new source: internal navigation. */
  source: string | null;
  medium: string | null;
  campaign: string | null;
  channel: Channel | null;
  device: Device | null;
  browser: string | null;
  os: string | null;
  device_model: string | null;
  country: string | null;
  value: number | null;
  value_original: number | null;
  currency: string | null;
  experiment: string | null;
  variant: string | null;
  scroll_percent: number | null;
}

/** A dropped bot event; `bot` is the reason, e.g. `googlebot`, `curl`, `headlesschrome`, `empty user agent`. */
export interface BotVerdict {
  bot: string;
}

export interface EnrichOptions {
  /**
   * What an empty or absent user agent means. `human` (default): imported events often carry no
   * user agent and are kept, with device, browser and os unknown. `bot`: for the live collector,
   * where every browser sends one, so an empty user agent is a script.
   */
  emptyUserAgent?: 'human' | 'bot';
  /** Cache of user-agent results; a shared module-wide one by default. */
  userAgentCache?: UserAgentCache;
}

export interface UserAgentInfo {
  /** Bot reason, or null for a browser. */
  bot: string | null;
  device: Device;
  browser: string | null;
  os: string | null;
  deviceModel: string | null;
}

/** Chrome's reduced user agent says `Android 10; K`: the model `K` means "not disclosed". */
const UNDISCLOSED_MODELS = new Set(['K']);
const MAX_REASON_LENGTH = 64;
const MAX_CACHED_LENGTH = 1024;
const TOKEN_CHAR = /[\w.+-]/;

/** The product token around isbot's match, without version: `Googlebot/2.1` -> `googlebot`. */
function botReason(userAgent: string): string {
  const match = isbotMatch(userAgent);
  if (!match) return 'unknown bot';
  let start = userAgent.indexOf(match);
  if (start < 0) return match.toLowerCase().slice(0, MAX_REASON_LENGTH);
  let end = start + match.length;
  while (start > 0 && TOKEN_CHAR.test(userAgent.charAt(start - 1))) start--;
  while (end < userAgent.length && TOKEN_CHAR.test(userAgent.charAt(end))) end++;
  const token = userAgent.slice(start, end).split('/')[0]?.trim().toLowerCase() ?? '';
  return (token || match.toLowerCase()).slice(0, MAX_REASON_LENGTH);
}

function toDevice(type: string | undefined): Device {
  // The parser leaves desktops undefined; consoles, TVs and embedded devices count as desktop too.
  if (type === 'mobile' || type === 'wearable') return 'mobile';
  if (type === 'tablet') return 'tablet';
  return 'desktop';
}

/** Parses a non-empty user agent: bot check first, then ua-parser-js. */
export function parseUserAgent(userAgent: string): UserAgentInfo {
  if (isbot(userAgent)) return { bot: botReason(userAgent), device: 'desktop', browser: null, os: null, deviceModel: null };
  const { browser, os, device } = new UAParser(userAgent).getResult();
  const model = device.model && !UNDISCLOSED_MODELS.has(device.model) ? device.model : undefined;
  const deviceModel = [device.vendor, model].filter((part): part is string => Boolean(part)).join(' ');
  return {
    bot: null,
    device: toDevice(device.type),
    browser: browser.name ?? null,
    os: os.name ?? null,
    deviceModel: deviceModel === '' ? null : deviceModel,
  };
}

/** A small LRU of user-agent results: the same few thousand strings repeat across millions of events. */
export class UserAgentCache {
  readonly #entries = new Map<string, UserAgentInfo>();
  readonly #capacity: number;

  constructor(capacity = 10_000) {
    this.#capacity = Math.max(1, capacity);
  }

  get size(): number {
    return this.#entries.size;
  }

  lookup(userAgent: string): UserAgentInfo {
    // Odd, very long strings (mostly scripts) are parsed but not kept, so the cache stays small.
    if (userAgent.length > MAX_CACHED_LENGTH) return parseUserAgent(userAgent);
    const cached = this.#entries.get(userAgent);
    if (cached) {
      // Re-insert so that Map order is recency order.
      this.#entries.delete(userAgent);
      this.#entries.set(userAgent, cached);
      return cached;
    }
    const info = parseUserAgent(userAgent);
    if (this.#entries.size >= this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(userAgent, info);
    return info;
  }
}

const sharedCache = new UserAgentCache();

const VISIT_CACHE_SIZE = 10_000;
const MAX_VISIT_KEY_LENGTH = 2048;
/**
 * Parsed page URL and referrer pairs, most recent last. Pages repeat across visitors (internal
 * navigation, the same landing page of a campaign), and parsing two URLs is half of enrichment.
 * Entries are shared: nothing downstream modifies a ParsedVisit.
 */
const visits = new Map<string, ParsedVisit>();

function visitOf(url: string | null, referrer: string | null): ParsedVisit {
  // Neither is ever '' (text() gives null), so the key is unambiguous.
  const key = `${url ?? ''}\u0000${referrer ?? ''}`;
  if (key.length > MAX_VISIT_KEY_LENGTH) return parseVisit(url, referrer);
  const cached = visits.get(key);
  if (cached) {
    visits.delete(key);
    visits.set(key, cached);
    return cached;
  }
  const visit = parseVisit(url, referrer);
  if (visits.size >= VISIT_CACHE_SIZE) {
    const oldest = visits.keys().next();
    if (!oldest.done) visits.delete(oldest.value);
  }
  visits.set(key, visit);
  return visit;
}

type Cell = string | number | null | undefined;

function text(value: Cell): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  return value.trim() === '' ? null : value;
}

function numberOf(value: Cell): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function deviceOf(value: Cell): Device | null {
  return value === 'desktop' || value === 'mobile' || value === 'tablet' ? value : null;
}

/** Enriches one validated `events` row, or tells why it is a bot. */
export function enrichEvent(row: Readonly<Record<string, Cell>>, options: EnrichOptions = {}): EnrichedEvent | BotVerdict {
  const userAgent = text(row.user_agent);
  let agent: UserAgentInfo | null = null;
  if (userAgent === null) {
    if (options.emptyUserAgent === 'bot') return { bot: 'empty user agent' };
  } else {
    agent = (options.userAgentCache ?? sharedCache).lookup(userAgent);
    if (agent.bot !== null) return { bot: agent.bot };
  }

  const url = text(row.url);
  const referrer = text(row.referrer);
  const visit = visitOf(url, referrer);
  const utm = {
    source: text(row.utm_source) ?? visit.utm.source,
    medium: text(row.utm_medium) ?? visit.utm.medium,
    campaign: text(row.utm_campaign) ?? visit.utm.campaign,
    term: text(row.utm_term) ?? visit.utm.term,
    content: text(row.utm_content) ?? visit.utm.content,
  };
  const resolved = resolveSource({
    utm,
    clickId: visit.clickId,
    referrerDomain: visit.referrerDomain,
    referrerInternal: visit.referrerInternal,
  });
  const channel = resolved.source === null ? null : classifyChannel(resolved);
  const sessionId = text(row.session_id);
  const value = numberOf(row.value);

  return {
    event_id: text(row.event_id) ?? '',
    site: text(row.site) ?? 'default',
    timestamp: numberOf(row.timestamp) ?? 0,
    type: text(row.type) ?? 'custom',
    name: text(row.name),
    visitor_id: text(row.visitor_id),
    session_id: sessionId,
    session_derived: sessionId === null,
    contact_id: text(row.contact_id),
    url,
    host: visit.host,
    path: visit.path,
    title: text(row.title),
    referrer,
    referrer_domain: visit.referrerDomain,
    utm_source: utm.source,
    utm_medium: utm.medium,
    utm_campaign: utm.campaign,
    utm_term: utm.term,
    utm_content: utm.content,
    click_id: visit.clickId,
    source: resolved.source,
    medium: resolved.medium,
    campaign: resolved.campaign,
    channel,
    device: deviceOf(row.device) ?? agent?.device ?? null,
    browser: agent?.browser ?? null,
    os: agent?.os ?? null,
    device_model: agent?.deviceModel ?? null,
    country: text(row.country),
    value,
    // Currency conversion happens after enrichment; until then value is in its own currency.
    value_original: value,
    currency: text(row.currency),
    experiment: text(row.experiment),
    variant: text(row.variant),
    scroll_percent: numberOf(row.scroll_percent),
  };
}

/** A contact's original source with its channel; a contact with no source, medium or campaign has channel null. */
export function enrichContactSource(
  source: string | null,
  medium: string | null,
  campaign: string | null,
): { source: string | null; medium: string | null; campaign: string | null; channel: Channel | null } {
  const origin = { source: text(source), medium: text(medium), campaign: text(campaign) };
  if (origin.source === null && origin.medium === null && origin.campaign === null) return { ...origin, channel: null };
  return { ...origin, channel: classifyChannel(origin) };
}
