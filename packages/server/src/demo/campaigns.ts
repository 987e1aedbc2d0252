import { monthOf } from './calendar.ts';
import type { DealCurrency } from './company.ts';
import { Weighted } from './prng.ts';
import type { PathChoice } from './site-pages.ts';

/**
 * Paid campaigns. Their daily spend drives their traffic (clicks = spend / CPC), so spend,
 * sessions, leads and revenue per campaign hang together for CAC and ROAS.
 */
export interface PaidCampaign {
  /** utm_campaign; `{year}` is replaced by the flight's year. */
  name: string;
  channel: 'Paid Search' | 'Paid Social' | 'Display';
  sources: Weighted<string>;
  medium: string;
  /** Click id the ad platform appends to the landing URL. */
  clickId?: 'gclid' | 'fbclid' | 'yclid' | 'msclkid' | 'ttclid';
  vendor: string;
  /** Currency the platform bills in. */
  currency: DealCurrency;
  /** Planned spend per day in USD at scale 1, before seasonality. */
  dailyUsd: number;
  /** Average cost per click in USD. */
  cpc: number;
  countries: Weighted<string>;
  landings: Weighted<PathChoice>;
  terms?: readonly string[];
  contents: readonly string[];
  /** Months (1-12) the campaign runs; absent means all year. */
  months?: readonly number[];
  /** Day-of-month range within the first and last month of the flight. */
  days?: readonly [from: number, to: number];
}

const w = <K extends string>(weights: Record<K, number>) => Weighted.fromRecord(weights);
const NOT_RU = w({ PL: 32, UA: 5, AE: 10, SA: 7, EG: 4, DE: 9, US: 9, GB: 5, CZ: 2, KZ: 5, TR: 2 });

export const PAID_CAMPAIGNS: readonly PaidCampaign[] = [
  {
    name: 'brand-search',
    channel: 'Paid Search',
    sources: w({ google: 1 }),
    medium: 'cpc',
    clickId: 'gclid',
    vendor: 'Google Ads',
    currency: 'PLN',
    dailyUsd: 12,
    cpc: 0.55,
    countries: w({ PL: 6, DE: 1, AE: 1, SA: 1, KZ: 1 }),
    landings: w({ '/': 6, '/pricing': 3, '/demo': 1 }),
    terms: ['vistula cloud', 'vistula crm', 'vistulacloud login'],
    contents: ['brand-text-a', 'brand-text-b'],
  },
  {
    name: 'generic-crm-pl',
    channel: 'Paid Search',
    sources: w({ google: 1 }),
    medium: 'cpc',
    clickId: 'gclid',
    vendor: 'Google Ads',
    currency: 'PLN',
    dailyUsd: 36,
    cpc: 1.6,
    countries: w({ PL: 1 }),
    landings: w({ '/lp/trial': 55, feature: 15, '/pricing': 15, '/demo': 15 }),
    terms: ['crm dla małej firmy', 'program crm', 'system crm online', 'crm dla firm'],
    contents: ['rsa-trial', 'rsa-demo', 'rsa-features'],
  },
  {
    name: 'competitor-search',
    channel: 'Paid Search',
    sources: w({ google: 1 }),
    medium: 'cpc',
    clickId: 'gclid',
    vendor: 'Google Ads',
    currency: 'EUR',
    dailyUsd: 15,
    cpc: 3.1,
    countries: w({ PL: 4, DE: 3, GB: 2, US: 1 }),
    landings: w({ '/pricing': 5, '/lp/trial': 3, feature: 2 }),
    terms: ['pipedrive alternative', 'hubspot alternative', 'alternatywa dla pipedrive'],
    contents: ['compare-table', 'switch-offer'],
  },
  {
    name: 'search-gulf-en-ar',
    channel: 'Paid Search',
    sources: w({ google: 1 }),
    medium: 'cpc',
    clickId: 'gclid',
    vendor: 'Google Ads',
    currency: 'USD',
    dailyUsd: 27,
    cpc: 2.3,
    countries: w({ AE: 55, SA: 35, EG: 10 }),
    landings: w({ '/lp/trial': 4, '/demo': 3, '/features/whatsapp': 3 }),
    terms: ['crm software dubai', 'whatsapp crm', 'نظام crm', 'برنامج إدارة العملاء'],
    contents: ['rsa-en', 'rsa-ar'],
  },
  {
    name: 'yandex-direct-cis',
    channel: 'Paid Search',
    sources: w({ yandex: 1 }),
    medium: 'cpc',
    clickId: 'yclid',
    vendor: 'Yandex Direct',
    currency: 'USD',
    dailyUsd: 24,
    cpc: 0.8,
    countries: w({ RU: 7, KZ: 3 }),
    landings: w({ '/lp/trial': 5, '/features/telephony': 2, '/demo': 3 }),
    terms: ['crm система', 'crm для малого бизнеса', 'сквозная аналитика'],
    contents: ['text-trial', 'text-demo'],
  },
  {
    name: 'bing-search-en',
    channel: 'Paid Search',
    sources: w({ bing: 1 }),
    medium: 'cpc',
    clickId: 'msclkid',
    vendor: 'Microsoft Advertising',
    currency: 'USD',
    dailyUsd: 5,
    cpc: 1.4,
    countries: w({ US: 45, GB: 35, DE: 20 }),
    landings: w({ '/lp/trial': 1, '/pricing': 1 }),
    terms: ['sales crm for small business', 'b2b crm'],
    contents: ['text-a'],
  },
  {
    name: 'meta-lookalike',
    channel: 'Paid Social',
    sources: w({ facebook: 6, instagram: 4 }),
    medium: 'paid_social',
    clickId: 'fbclid',
    vendor: 'Meta',
    currency: 'PLN',
    dailyUsd: 8,
    cpc: 0.45,
    countries: w({ PL: 60, UA: 25, DE: 15 }),
    landings: w({ '/lp/trial': 7, '/webinars': 3 }),
    contents: ['video-15s', 'carousel-features', 'static-testimonial'],
  },
  {
    name: 'meta-retargeting',
    channel: 'Paid Social',
    sources: w({ facebook: 6, instagram: 4 }),
    medium: 'cpc',
    clickId: 'fbclid',
    vendor: 'Meta',
    currency: 'PLN',
    dailyUsd: 4,
    cpc: 0.3,
    countries: NOT_RU,
    landings: w({ '/pricing': 5, '/demo': 3, '/lp/trial': 2 }),
    contents: ['dynamic-pricing', 'case-study'],
  },
  {
    name: 'linkedin-abm-gulf',
    channel: 'Paid Social',
    sources: w({ linkedin: 1 }),
    medium: 'paid_social',
    vendor: 'LinkedIn Ads',
    currency: 'USD',
    dailyUsd: 16,
    cpc: 5.5,
    countries: w({ AE: 6, SA: 4 }),
    landings: w({ '/demo': 6, '/features/whatsapp': 4 }),
    contents: ['sponsored-content', 'document-ad'],
  },
  {
    name: 'vk-ads-cis',
    channel: 'Paid Social',
    sources: w({ vk: 1 }),
    medium: 'cpc',
    vendor: 'VK Ads',
    currency: 'USD',
    dailyUsd: 3.5,
    cpc: 0.3,
    countries: w({ RU: 8, KZ: 2 }),
    landings: w({ '/lp/trial': 6, '/webinars': 4 }),
    contents: ['feed-post'],
  },
  {
    name: 'telegram-ads-cis',
    channel: 'Paid Social',
    sources: w({ telegram: 1 }),
    medium: 'cpc',
    vendor: 'Telegram Ads',
    currency: 'EUR',
    dailyUsd: 3,
    cpc: 0.5,
    countries: w({ RU: 50, KZ: 25, UA: 25 }),
    landings: w({ '/lp/trial': 1, blog: 1 }),
    contents: ['channel-ad'],
  },
  {
    name: 'tiktok-awareness',
    channel: 'Paid Social',
    sources: w({ tiktok: 1 }),
    medium: 'paid_social',
    clickId: 'ttclid',
    vendor: 'TikTok Ads',
    currency: 'USD',
    dailyUsd: 4,
    cpc: 0.22,
    countries: w({ PL: 4, AE: 3, SA: 3 }),
    landings: w({ '/lp/trial': 1, '/': 1 }),
    contents: ['ugc-video-1', 'ugc-video-2'],
    months: [9, 10, 11, 12],
  },
  {
    name: 'gdn-remarketing',
    channel: 'Display',
    sources: w({ google: 1 }),
    medium: 'display',
    clickId: 'gclid',
    vendor: 'Google Ads',
    currency: 'PLN',
    dailyUsd: 5,
    cpc: 0.35,
    countries: NOT_RU,
    landings: w({ '/pricing': 1, '/lp/trial': 1 }),
    contents: ['banner-300x250', 'banner-728x90'],
  },
  {
    name: 'yandex-rsya',
    channel: 'Display',
    sources: w({ yandex: 1 }),
    medium: 'display',
    clickId: 'yclid',
    vendor: 'Yandex Direct',
    currency: 'USD',
    dailyUsd: 2.5,
    cpc: 0.2,
    countries: w({ RU: 8, KZ: 2 }),
    landings: w({ '/lp/trial': 1 }),
    contents: ['image-ad'],
  },
  {
    name: 'spring-offer-{year}',
    channel: 'Paid Social',
    sources: w({ facebook: 5, instagram: 5 }),
    medium: 'paid_social',
    clickId: 'fbclid',
    vendor: 'Meta',
    currency: 'PLN',
    dailyUsd: 10,
    cpc: 0.4,
    countries: w({ PL: 6, UA: 2, DE: 2 }),
    landings: w({ '/lp/spring-offer': 1 }),
    contents: ['spring-video', 'spring-static'],
    months: [3, 4, 5],
  },
  {
    name: 'spring-offer-{year}',
    channel: 'Paid Search',
    sources: w({ google: 1 }),
    medium: 'cpc',
    clickId: 'gclid',
    vendor: 'Google Ads',
    currency: 'PLN',
    dailyUsd: 12,
    cpc: 1.2,
    countries: w({ PL: 8, DE: 2 }),
    landings: w({ '/lp/spring-offer': 1 }),
    terms: ['crm promocja', 'crm discount'],
    contents: ['rsa-spring'],
    months: [3, 4, 5],
  },
  {
    name: 'black-friday-{year}',
    channel: 'Paid Social',
    sources: w({ facebook: 6, instagram: 4 }),
    medium: 'paid_social',
    clickId: 'fbclid',
    vendor: 'Meta',
    currency: 'PLN',
    dailyUsd: 22,
    cpc: 0.5,
    countries: NOT_RU,
    landings: w({ '/pricing': 1 }),
    contents: ['bf-countdown'],
    months: [11],
    days: [20, 30],
  },
];

/** Whether the campaign runs on a day, and its utm_campaign there. */
export function campaignOnDay(campaign: PaidCampaign, day: number): string | undefined {
  const { year, month } = monthOf(day);
  if (campaign.months && !campaign.months.includes(month)) return undefined;
  if (campaign.days) {
    const date = new Date(day * 86_400_000).getUTCDate();
    if (date < campaign.days[0] || date > campaign.days[1]) return undefined;
  }
  return campaign.name.replace('{year}', String(year));
}
