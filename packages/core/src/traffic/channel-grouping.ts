/**
 * GA4's default channel grouping (https://support.google.com/analytics/answer/9756891): the rules
 * in GA4's evaluation order, first match wins, matching case-insensitively. Source lists are
 * Northstar's (source-sites.ts), which add regional engines and networks to GA4's.
 */
import { lookupSource, sourceCategoryOf } from './source-sites.ts';
import type { ClickIdParam } from './url.ts';

export type Channel =
  | 'Direct'
  | 'Cross-network'
  | 'Paid Shopping'
  | 'Paid Search'
  | 'Paid Social'
  | 'Paid Video'
  | 'Display'
  | 'Paid Other'
  | 'Organic Shopping'
  | 'Organic Social'
  | 'Organic Video'
  | 'Organic Search'
  | 'Email'
  | 'Affiliates'
  | 'Referral'
  | 'Audio'
  | 'SMS'
  | 'Mobile Push Notifications'
  | 'Unassigned';

export interface TrafficSource {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  /** Name of the click id parameter present on the landing page, e.g. `gclid`. */
  clickId?: string | null;
  /** Lowercased referrer host without `www.`; used only when source and medium are both empty. */
  referrerDomain?: string | null;
}

export interface ResolvedSource {
  source: string | null;
  medium: string | null;
  campaign: string | null;
}

export interface ResolveSourceInput {
  utm: { source?: string | null; medium?: string | null; campaign?: string | null };
  clickId: string | null;
  referrerDomain: string | null;
  referrerInternal: boolean;
}

export const DIRECT_SOURCE = '(direct)';
export const DIRECT_MEDIUM = '(none)';
export const SOURCE_NOT_SET = '(not set)';

const PAID_MEDIUM = /^(.*cp.*|ppc|retargeting|paid.*)$/;
const SHOPPING_CAMPAIGN = /^(.*(([^a-df-z]|^)shop|shopping).*)$/;
const VIDEO_MEDIUM = /^(.*video.*)$/;
const DISPLAY_MEDIUMS = new Set(['display', 'banner', 'expandable', 'interstitial', 'cpm']);
const SOCIAL_MEDIUMS = new Set(['social', 'social-network', 'social-media', 'sm', 'social network', 'social media']);
const EMAIL_VALUES = new Set(['email', 'e-mail', 'e_mail', 'e mail']);
const REFERRAL_MEDIUMS = new Set(['referral', 'app', 'link']);
const DIRECT_MEDIUMS = new Set(['', DIRECT_MEDIUM, SOURCE_NOT_SET]);

/** One visit's facts, lowercased, as the rules read them. */
interface Facts {
  source: string;
  medium: string;
  campaign: string;
  category: ReturnType<typeof sourceCategoryOf>;
  paid: boolean;
  shoppingCampaign: boolean;
}

/** GA4's rules in GA4's order; `Unassigned` is what is left. */
const RULES: ReadonlyArray<readonly [Exclude<Channel, 'Unassigned'>, (f: Facts) => boolean]> = [
  ['Direct', (f) => (f.source === '' || f.source === DIRECT_SOURCE) && DIRECT_MEDIUMS.has(f.medium)],
  ['Cross-network', (f) => f.campaign.includes('cross-network')],
  ['Paid Shopping', (f) => (f.category === 'shopping' || f.shoppingCampaign) && f.paid],
  ['Paid Search', (f) => f.category === 'search' && f.paid],
  ['Paid Social', (f) => f.category === 'social' && f.paid],
  ['Paid Video', (f) => f.category === 'video' && f.paid],
  ['Display', (f) => DISPLAY_MEDIUMS.has(f.medium)],
  ['Paid Other', (f) => f.paid],
  ['Organic Shopping', (f) => f.category === 'shopping' || f.shoppingCampaign],
  ['Organic Social', (f) => f.category === 'social' || SOCIAL_MEDIUMS.has(f.medium)],
  ['Organic Video', (f) => f.category === 'video' || VIDEO_MEDIUM.test(f.medium)],
  ['Organic Search', (f) => f.category === 'search' || f.medium === 'organic'],
  ['Email', (f) => EMAIL_VALUES.has(f.source) || EMAIL_VALUES.has(f.medium)],
  ['Affiliates', (f) => f.medium === 'affiliate'],
  ['Referral', (f) => REFERRAL_MEDIUMS.has(f.medium)],
  ['Audio', (f) => f.medium === 'audio'],
  ['SMS', (f) => f.source === 'sms' || f.medium === 'sms'],
  [
    'Mobile Push Notifications',
    (f) => f.medium.endsWith('push') || f.medium.includes('mobile') || f.medium.includes('notification') || f.source === 'firebase',
  ],
];

/** Every channel, in GA4's evaluation order. */
export const CHANNELS: readonly Channel[] = [...RULES.map(([channel]) => channel), 'Unassigned'];

function lower(value: string | null | undefined): string {
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

function clean(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The source and medium a click id implies. Auto-tagging ids (gclid, gbraid, wbraid, msclkid,
 * yclid, ttclid, li_fat_id, twclid) are only added to ad clicks, hence cpc; dclid comes from
 * Display & Video 360 / Campaign Manager, hence dv360/cpm (Display). fbclid is added by Meta to
 * every outbound link, organic posts included, so it means social, not paid: paid Meta traffic is
 * recognised by its utm tags. Its source is the Meta referrer when there is one (instagram,
 * messenger …), else facebook.
 */
const CLICK_ID_SOURCES: Record<ClickIdParam, { source: string; medium: string }> = {
  gclid: { source: 'google', medium: 'cpc' },
  gbraid: { source: 'google', medium: 'cpc' },
  wbraid: { source: 'google', medium: 'cpc' },
  dclid: { source: 'dv360', medium: 'cpm' },
  msclkid: { source: 'bing', medium: 'cpc' },
  yclid: { source: 'yandex', medium: 'cpc' },
  ttclid: { source: 'tiktok', medium: 'cpc' },
  li_fat_id: { source: 'linkedin', medium: 'cpc' },
  twclid: { source: 'x', medium: 'cpc' },
  fbclid: { source: 'facebook', medium: 'social' },
};
const META_NETWORKS = new Set(['facebook', 'instagram', 'messenger', 'threads', 'whatsapp']);

function clickIdSource(clickId: string | null, referrerDomain: string | null): { source: string; medium: string } | null {
  if (clickId === null || !Object.hasOwn(CLICK_ID_SOURCES, clickId)) return null;
  const implied = CLICK_ID_SOURCES[clickId as ClickIdParam];
  if (clickId !== 'fbclid') return implied;
  const referrer = lookupSource(referrerDomain);
  return referrer && referrer.category === 'social' && META_NETWORKS.has(referrer.name)
    ? { source: referrer.name, medium: 'social' }
    : implied;
}

/** Source and medium of an external referrer: engines organic, networks social, webmail email, the rest referral. */
function referrerSource(referrerDomain: string): { source: string; medium: string } {
  const site = lookupSource(referrerDomain);
  switch (site?.category) {
    case 'search':
      return { source: site.name, medium: 'organic' };
    case 'social':
      return { source: site.name, medium: 'social' };
    case 'video':
    case 'shopping':
      return { source: site.name, medium: 'referral' };
    case 'webmail':
      return { source: referrerDomain, medium: 'email' };
    default:
      return { source: referrerDomain, medium: 'referral' };
  }
}

/**
 * The (source, medium, campaign) a page view carries, by precedence:
 * 1. utm tags: when utm_source or utm_medium is set, the missing one is `(not set)` as in GA4;
 * 2. a click id (see CLICK_ID_SOURCES), with utm_campaign kept;
 * 3. an internal referrer: all null, meaning "no new source, continue the current session's";
 *    a campaign-only tag on an internal link is ignored so that it cannot restart attribution;
 * 4. an external referrer: search engine -> (engine, organic), social network -> (network, social),
 *    video or shopping site -> (site, referral), webmail -> (domain, email), else (domain, referral);
 * 5. nothing: (`(direct)`, `(none)`).
 */
export function resolveSource(input: ResolveSourceInput): ResolvedSource {
  const utmSource = clean(input.utm.source);
  const utmMedium = clean(input.utm.medium);
  const campaign = clean(input.utm.campaign);
  if (utmSource !== null || utmMedium !== null) {
    return { source: utmSource ?? SOURCE_NOT_SET, medium: utmMedium ?? SOURCE_NOT_SET, campaign };
  }
  const referrerDomain = clean(input.referrerDomain)?.toLowerCase() ?? null;
  const clicked = clickIdSource(clean(input.clickId)?.toLowerCase() ?? null, referrerDomain);
  if (clicked) return { ...clicked, campaign };
  if (referrerDomain !== null && input.referrerInternal) return { source: null, medium: null, campaign: null };
  if (referrerDomain !== null) return { ...referrerSource(referrerDomain), campaign };
  return { source: DIRECT_SOURCE, medium: DIRECT_MEDIUM, campaign };
}

/**
 * GA4's default channel of a visit. When source and medium are both empty, a click id or referrer
 * domain on the input decides them (as resolveSource would for an external referrer).
 */
export function classifyChannel(input: TrafficSource): Channel {
  let { source, medium } = input;
  if (clean(source) === null && clean(medium) === null) {
    const clickId = clean(input.clickId);
    const referrerDomain = clean(input.referrerDomain);
    if (clickId !== null || referrerDomain !== null) {
      ({ source, medium } = resolveSource({ utm: {}, clickId, referrerDomain, referrerInternal: false }));
    }
  }
  const campaign = lower(input.campaign);
  const facts: Facts = {
    source: lower(source),
    medium: lower(medium),
    campaign,
    category: sourceCategoryOf(source),
    paid: PAID_MEDIUM.test(lower(medium)),
    shoppingCampaign: SHOPPING_CAMPAIGN.test(campaign),
  };
  for (const [channel, matches] of RULES) {
    if (matches(facts)) return channel;
  }
  return 'Unassigned';
}

/** Canonical social network of a source (`l.facebook.com` -> `facebook`, `twitter` -> `x`, `t.me` -> `telegram`), else null. */
export function socialNetworkOf(source: string | null): string | null {
  const site = lookupSource(source);
  return site?.category === 'social' ? site.name : null;
}
