import type { PaidCampaign } from './campaigns.ts';
import { type Country, REFERRAL_SITES, SOCIAL_NETWORKS, searchReferrer, socialReferrer } from './company.ts';
import { type Rng, Weighted } from './prng.ts';
import { expandPath, LANDINGS, type PathChoice } from './site-pages.ts';
import type { Device } from './user-agents.ts';

/**
 * How a session arrives: the query string of its landing URL (UTM tags, click ids), its referrer,
 * and the source/medium/campaign a CRM would record for a lead from it.
 */
export interface Arrival {
  kind: ArrivalKind;
  landing: string;
  query: string;
  referrer: string | null;
  source: string | null;
  medium: string | null;
  campaign: string | null;
}

export type ArrivalKind = 'search' | 'direct' | 'social' | 'referral' | 'email' | 'Paid Search' | 'Paid Social' | 'Display';

/** Per channel: bounce rate, conversion multiplier, share of returning visitors, device mix. */
export interface ChannelProfile {
  bounce: number;
  conversion: number;
  returning: number;
  devices: Weighted<Device>;
}

const devices = (desktop: number, mobile: number, tablet: number) => Weighted.fromRecord<Device>({ desktop, mobile, tablet });

export const CHANNEL_PROFILES: Record<ArrivalKind, ChannelProfile> = {
  search: { bounce: 0.44, conversion: 0.9, returning: 0.22, devices: devices(58, 37, 5) },
  direct: { bounce: 0.38, conversion: 1.0, returning: 0.55, devices: devices(66, 29, 5) },
  social: { bounce: 0.55, conversion: 0.6, returning: 0.2, devices: devices(34, 61, 5) },
  referral: { bounce: 0.4, conversion: 1.1, returning: 0.2, devices: devices(66, 29, 5) },
  email: { bounce: 0.35, conversion: 1.2, returning: 1, devices: devices(55, 40, 5) },
  'Paid Search': { bounce: 0.48, conversion: 1.2, returning: 0.12, devices: devices(55, 40, 5) },
  'Paid Social': { bounce: 0.58, conversion: 0.7, returning: 0.12, devices: devices(28, 67, 5) },
  Display: { bounce: 0.6, conversion: 0.5, returning: 0.3, devices: devices(45, 50, 5) },
};

/** Unpaid arrivals by kind (email and paid are driven by sends and spend). */
export const UNPAID_MIX = Weighted.fromRecord({ search: 53, direct: 28, social: 10, referral: 9 });

export function unpaidArrival(rng: Rng, kind: 'search' | 'direct' | 'social' | 'referral', country: Country, mobile: boolean): Arrival {
  switch (kind) {
    case 'search': {
      const engine = country.searchEngines.pick(rng);
      const landing = expandPath(rng, LANDINGS.search.pick(rng));
      return {
        kind,
        landing,
        query: '',
        referrer: searchReferrer(engine, country.code),
        source: engine,
        medium: 'organic',
        campaign: null,
      };
    }
    case 'direct':
      return {
        kind,
        landing: expandPath(rng, LANDINGS.direct.pick(rng)),
        query: '',
        referrer: null,
        source: '(direct)',
        medium: '(none)',
        campaign: null,
      };
    case 'social': {
      const network = SOCIAL_NETWORKS[country.region].pick(rng);
      const landing = expandPath(rng, LANDINGS.social.pick(rng));
      const source = network === 'x' ? 'twitter' : network;
      return { kind, landing, query: '', referrer: socialReferrer(network, mobile), source, medium: 'social', campaign: null };
    }
    case 'referral': {
      const referrer = REFERRAL_SITES[country.region].pick(rng);
      const host = new URL(referrer).hostname.replace(/^www\./, '');
      const landing = expandPath(rng, LANDINGS.referral.pick(rng));
      return { kind, landing, query: '', referrer, source: host, medium: 'referral', campaign: null };
    }
  }
}

const TOKEN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function token(rng: Rng, length: number, alphabet = TOKEN): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[rng.int(alphabet.length)];
  return out;
}

/** Click ids look like the ad platforms' own. */
function clickId(rng: Rng, kind: NonNullable<PaidCampaign['clickId']>): string {
  switch (kind) {
    case 'gclid':
      return `Cj0KCQjw${token(rng, 40)}_BwE`;
    case 'fbclid':
      return `IwAR${token(rng, 48)}`;
    case 'yclid':
      return token(rng, 19, '0123456789');
    case 'msclkid':
      return token(rng, 32, '0123456789abcdef');
    case 'ttclid':
      return `E.C.P.${token(rng, 44)}`;
  }
}

const PAID_REFERRERS: Record<string, string> = {
  bing: 'https://www.bing.com/',
  yandex: 'https://yandex.ru/',
};

export function paidArrival(rng: Rng, campaign: PaidCampaign, utmCampaign: string, country: Country, mobile: boolean): Arrival {
  const source = campaign.sources.pick(rng);
  const term = campaign.terms ? rng.pick(campaign.terms) : null;
  let query = `?utm_source=${source}&utm_medium=${campaign.medium}&utm_campaign=${utmCampaign}`;
  if (term) query += `&utm_term=${encodeURIComponent(term)}`;
  query += `&utm_content=${rng.pick(campaign.contents)}`;
  if (campaign.clickId) query += `&${campaign.clickId}=${clickId(rng, campaign.clickId)}`;
  let referrer: string | null;
  if (campaign.channel === 'Paid Social') referrer = socialReferrer(source === 'twitter' ? 'x' : source, mobile);
  else if (campaign.channel === 'Display') referrer = source === 'google' ? 'https://googleads.g.doubleclick.net/' : 'https://yandex.ru/';
  else referrer = PAID_REFERRERS[source] ?? searchReferrer(source, country.code);
  return {
    kind: campaign.channel,
    landing: expandPath(rng, campaign.landings.pick(rng)),
    query,
    referrer,
    source,
    medium: campaign.medium,
    campaign: utmCampaign,
  };
}

export function emailArrival(rng: Rng, source: string, campaign: string, landing: PathChoice | Weighted<PathChoice>): Arrival {
  const choice = typeof landing === 'string' ? landing : landing.pick(rng);
  return {
    kind: 'email',
    landing: expandPath(rng, choice),
    query: `?utm_source=${source}&utm_medium=email&utm_campaign=${campaign}&utm_content=cta-${1 + rng.int(3)}`,
    referrer: null,
    source,
    medium: 'email',
    campaign,
  };
}
