import { Weighted } from './prng.ts';
import type { Region } from './user-agents.ts';

/** The demo company's markets, website and sales team. */
export const SITE_ORIGIN = 'https://www.vistulacloud.example';

export type Language = 'pl' | 'ru' | 'ar' | 'en';
export type DealCurrency = 'PLN' | 'EUR' | 'USD';

export interface Country {
  code: string;
  /** Share of website traffic. */
  share: number;
  utcOffset: number;
  weekend: 'sat-sun' | 'fri-sat';
  region: Region;
  language: Language;
  /** Currency the company invoices customers of this country in. */
  currency: DealCurrency;
  searchEngines: Weighted<string>;
}

const engines = (weights: Record<string, number>) => Weighted.fromRecord(weights);
const WESTERN_SEARCH = engines({ google: 90, bing: 6, duckduckgo: 4 });
const GULF_SEARCH = engines({ google: 93, bing: 6, duckduckgo: 1 });

export const COUNTRIES: readonly Country[] = [
  { code: 'PL', share: 30, utcOffset: 1, weekend: 'sat-sun', region: 'pl', language: 'pl', currency: 'PLN', searchEngines: WESTERN_SEARCH },
  {
    code: 'RU',
    share: 14,
    utcOffset: 3,
    weekend: 'sat-sun',
    region: 'cis',
    language: 'ru',
    currency: 'USD',
    searchEngines: engines({ yandex: 62, google: 36, bing: 2 }),
  },
  {
    code: 'KZ',
    share: 6,
    utcOffset: 5,
    weekend: 'sat-sun',
    region: 'cis',
    language: 'ru',
    currency: 'USD',
    searchEngines: engines({ google: 58, yandex: 40, bing: 2 }),
  },
  {
    code: 'UA',
    share: 5,
    utcOffset: 2,
    weekend: 'sat-sun',
    region: 'cis',
    language: 'ru',
    currency: 'USD',
    searchEngines: engines({ google: 95, bing: 3, duckduckgo: 2 }),
  },
  { code: 'AE', share: 9, utcOffset: 4, weekend: 'sat-sun', region: 'gulf', language: 'ar', currency: 'USD', searchEngines: GULF_SEARCH },
  { code: 'SA', share: 7, utcOffset: 3, weekend: 'fri-sat', region: 'gulf', language: 'ar', currency: 'USD', searchEngines: GULF_SEARCH },
  { code: 'EG', share: 4, utcOffset: 2, weekend: 'fri-sat', region: 'gulf', language: 'ar', currency: 'USD', searchEngines: GULF_SEARCH },
  {
    code: 'DE',
    share: 8,
    utcOffset: 1,
    weekend: 'sat-sun',
    region: 'west',
    language: 'en',
    currency: 'EUR',
    searchEngines: WESTERN_SEARCH,
  },
  {
    code: 'US',
    share: 8,
    utcOffset: -5,
    weekend: 'sat-sun',
    region: 'west',
    language: 'en',
    currency: 'USD',
    searchEngines: WESTERN_SEARCH,
  },
  {
    code: 'GB',
    share: 4,
    utcOffset: 0,
    weekend: 'sat-sun',
    region: 'west',
    language: 'en',
    currency: 'EUR',
    searchEngines: WESTERN_SEARCH,
  },
  {
    code: 'CZ',
    share: 2,
    utcOffset: 1,
    weekend: 'sat-sun',
    region: 'pl',
    language: 'en',
    currency: 'EUR',
    searchEngines: engines({ seznam: 35, google: 60, bing: 5 }),
  },
  {
    code: 'TR',
    share: 2,
    utcOffset: 3,
    weekend: 'sat-sun',
    region: 'west',
    language: 'en',
    currency: 'USD',
    searchEngines: WESTERN_SEARCH,
  },
  {
    code: 'CN',
    share: 1,
    utcOffset: 8,
    weekend: 'sat-sun',
    region: 'west',
    language: 'en',
    currency: 'USD',
    searchEngines: engines({ baidu: 85, bing: 15 }),
  },
];

const COUNTRY_BY_CODE: ReadonlyMap<string, Country> = new Map(COUNTRIES.map((c) => [c.code, c]));

export function countryOf(code: string): Country {
  const country = COUNTRY_BY_CODE.get(code);
  if (!country) throw new Error(`demo: unknown country ${code}`);
  return country;
}

const GOOGLE_BY_COUNTRY: Record<string, string> = {
  PL: 'https://www.google.pl/',
  DE: 'https://www.google.de/',
  GB: 'https://www.google.co.uk/',
  AE: 'https://www.google.ae/',
  SA: 'https://www.google.com.sa/',
  KZ: 'https://www.google.kz/',
  UA: 'https://www.google.com.ua/',
};

/** The referrer a search engine sends (no query: engines strip it). */
export function searchReferrer(engine: string, country: string): string {
  switch (engine) {
    case 'google':
      return GOOGLE_BY_COUNTRY[country] ?? 'https://www.google.com/';
    case 'yandex':
      return country === 'KZ' ? 'https://yandex.kz/' : 'https://yandex.ru/';
    case 'bing':
      return 'https://www.bing.com/';
    case 'duckduckgo':
      return 'https://duckduckgo.com/';
    case 'seznam':
      return 'https://search.seznam.cz/';
    case 'baidu':
      return 'https://www.baidu.com/';
    default:
      return `https://www.${engine}.com/`;
  }
}

/** Organic social networks by region; Russia has no Meta or LinkedIn, the CIS lives on VK and Telegram. */
export const SOCIAL_NETWORKS: Record<Region, Weighted<string>> = {
  pl: engines({ facebook: 33, linkedin: 30, instagram: 15, youtube: 8, x: 6, tiktok: 8 }),
  cis: engines({ vk: 38, telegram: 36, youtube: 12, ok: 6, instagram: 8 }),
  gulf: engines({ linkedin: 30, instagram: 25, x: 20, tiktok: 11, facebook: 9, youtube: 5 }),
  west: engines({ linkedin: 45, x: 18, facebook: 14, youtube: 12, instagram: 7, tiktok: 4 }),
};

const SOCIAL_REFERRERS: Record<string, { desktop: string; mobile: string }> = {
  facebook: { desktop: 'https://www.facebook.com/', mobile: 'https://m.facebook.com/' },
  instagram: { desktop: 'https://www.instagram.com/', mobile: 'https://l.instagram.com/' },
  linkedin: { desktop: 'https://www.linkedin.com/', mobile: 'https://lnkd.in/' },
  vk: { desktop: 'https://vk.com/', mobile: 'https://m.vk.com/' },
  ok: { desktop: 'https://ok.ru/', mobile: 'https://m.ok.ru/' },
  telegram: { desktop: 'https://web.telegram.org/', mobile: 'https://t.me/' },
  x: { desktop: 'https://t.co/', mobile: 'https://t.co/' },
  youtube: { desktop: 'https://www.youtube.com/', mobile: 'https://m.youtube.com/' },
  tiktok: { desktop: 'https://www.tiktok.com/', mobile: 'https://www.tiktok.com/' },
};

export function socialReferrer(network: string, mobile: boolean): string {
  const referrer = SOCIAL_REFERRERS[network] ?? { desktop: `https://${network}.com/`, mobile: `https://${network}.com/` };
  return mobile ? referrer.mobile : referrer.desktop;
}

/** Review sites, media and partner blogs that link to the company, by region. */
export const REFERRAL_SITES: Record<Region, Weighted<string>> = {
  pl: engines({
    'https://www.spidersweb.pl/2024/11/crm-dla-malych-firm.html': 3,
    'https://mamstartup.pl/narzedzia-sprzedazowe/': 2,
    'https://blog.wdrozenia-crm.example/partnerzy/vistula': 3,
    'https://www.g2.com/categories/crm': 2,
  }),
  cis: engines({
    'https://vc.ru/marketing/1045012-skvoznaya-analitika': 4,
    'https://habr.com/ru/companies/vistula/articles/812345/': 3,
    'https://www.cossa.ru/trends/crm/': 2,
    'https://partner-integrator.example/kz/blog/': 2,
  }),
  gulf: engines({
    'https://www.wamda.com/2024/10/saas-tools-startups': 3,
    'https://www.zawya.com/en/business/technology/': 2,
    'https://www.g2.com/categories/crm': 2,
    'https://gulf-partners.example/blog/whatsapp-crm': 3,
  }),
  west: engines({
    'https://www.g2.com/products/vistula-cloud/reviews': 4,
    'https://www.capterra.com/p/vistula-cloud/': 3,
    'https://www.producthunt.com/products/vistula-cloud': 2,
    'https://news.ycombinator.com/': 1,
  }),
};

/** Sales reps and the regions they cover. */
export const OWNERS: Record<Region, readonly string[]> = {
  pl: ['Anna Kowalska', 'Piotr Nowak'],
  west: ['Anna Kowalska', 'Piotr Nowak'],
  cis: ['Dmitry Volkov', 'Elena Smirnova'],
  gulf: ['Omar Al-Farsi', 'Layla Haddad'],
};

/** Win-rate multipliers: some reps close better than others. */
export const OWNER_SKILL: Record<string, number> = {
  'Anna Kowalska': 1.15,
  'Piotr Nowak': 0.9,
  'Dmitry Volkov': 1.05,
  'Elena Smirnova': 1.0,
  'Omar Al-Farsi': 1.1,
  'Layla Haddad': 0.85,
};

const FIRST_NAMES: Record<Language, readonly string[]> = {
  pl: ['anna', 'katarzyna', 'magdalena', 'tomasz', 'pawel', 'michal', 'agnieszka', 'krzysztof', 'marta', 'jakub'],
  ru: ['ivan', 'olga', 'sergey', 'natalia', 'alexey', 'irina', 'aidos', 'dana', 'maxim', 'yulia'],
  ar: ['ahmed', 'fatima', 'mohammed', 'noura', 'khalid', 'sara', 'youssef', 'mariam', 'omar', 'huda'],
  en: ['james', 'emma', 'lukas', 'sophie', 'daniel', 'laura', 'jan', 'lena', 'michael', 'olivia'],
};
const LAST_NAMES: Record<Language, readonly string[]> = {
  pl: ['nowak', 'wisniewska', 'wojcik', 'kaminski', 'lewandowski', 'zielinska', 'szymanski', 'dabrowska'],
  ru: ['ivanov', 'petrova', 'sidorov', 'kuznetsova', 'popov', 'sokolova', 'nurlanov', 'abenova'],
  ar: ['alharbi', 'almansouri', 'hassan', 'alqahtani', 'mahmoud', 'alshamsi', 'ibrahim', 'alotaibi'],
  en: ['smith', 'muller', 'schneider', 'brown', 'fischer', 'taylor', 'weber', 'wilson'],
};
const COMPANY_WORDS = [
  'logistics',
  'build',
  'foods',
  'medtech',
  'realty',
  'auto',
  'consulting',
  'retail',
  'energy',
  'travel',
  'print',
  'fintech',
];

/** A fictitious business email: first.last@<company>.example. */
export function contactEmail(pick: <T>(items: readonly T[]) => T, language: Language, n: number): string {
  const company = `${pick(COMPANY_WORDS)}${n % 97}`;
  return `${pick(FIRST_NAMES[language])}.${pick(LAST_NAMES[language])}@${company}.example`;
}
