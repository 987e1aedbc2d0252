/**
 * Page URL and referrer parsing for traffic enrichment. Visitors send anything, so every function
 * here accepts garbage and answers with nulls instead of throwing.
 */

/** Click ids ad platforms append to landing-page URLs. */
export const CLICK_ID_PARAMS = [
  'gclid',
  'gbraid',
  'wbraid',
  'dclid',
  'fbclid',
  'msclkid',
  'yclid',
  'ttclid',
  'li_fat_id',
  'twclid',
] as const;
export type ClickIdParam = (typeof CLICK_ID_PARAMS)[number];

/** Which click id wins when a URL carries several: fbclid last, as Meta adds it to organic links too. */
const CLICK_ID_PRIORITY: readonly ClickIdParam[] = [...CLICK_ID_PARAMS.filter((p) => p !== 'fbclid'), 'fbclid'];

export interface UtmParams {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
}

export interface ParsedUrl {
  /** Lowercased host without a trailing dot (`www.` kept); null for relative or non-web URLs. */
  host: string | null;
  /** Path without query or fragment, percent-decoded where safe, no trailing slash except the root `/`. */
  path: string | null;
  /** Query parameters with lowercased names; the first value of a repeated name wins. */
  query: ReadonlyMap<string, string>;
}

export interface ParsedVisit {
  host: string | null;
  path: string | null;
  query: ReadonlyMap<string, string>;
  utm: UtmParams;
  clickId: ClickIdParam | null;
  referrerDomain: string | null;
  referrerInternal: boolean;
}

const MAX_URL_LENGTH = 8192;
const EMPTY_QUERY: ReadonlyMap<string, string> = new Map();
const EMPTY_URL: ParsedUrl = { host: null, path: null, query: EMPTY_QUERY };
/** Base for path-only URLs (`/pricing?utm_source=x`), which imports often carry. */
const RELATIVE_BASE = 'https://relative.invalid';
const WEB_PROTOCOLS = new Set(['http:', 'https:']);
/** Android apps send `android-app://<package>/` as the referrer (Gmail, Google app, Telegram …). */
const APP_PROTOCOL = 'android-app:';
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const LOOKS_LIKE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?([/?#]|$)/i;

function toUrl(raw: unknown): { url: URL; relative: boolean } | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (text === '' || text.length > MAX_URL_LENGTH) return null;
  try {
    if (text.startsWith('//')) return { url: new URL(`https:${text}`), relative: false };
    if (text.startsWith('/') || text.startsWith('?')) return { url: new URL(text, RELATIVE_BASE), relative: true };
    if (HAS_SCHEME.test(text)) return { url: new URL(text), relative: false };
    // `example.com/pricing` or `localhost:3000/x`: a host without its scheme.
    if (LOOKS_LIKE_HOST.test(text) || /^localhost(:\d+)?([/?#]|$)/i.test(text)) {
      return { url: new URL(`https://${text}`), relative: false };
    }
    return null;
  } catch {
    return null;
  }
}

function normaliseHost(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === '' ? null : host;
}

function normalisePath(pathname: string): string {
  let path = pathname;
  if (path.includes('%')) {
    try {
      // decodeURI keeps reserved characters (%2F, %3F, %23) encoded, so the path stays unambiguous.
      path = decodeURI(pathname);
    } catch {
      // Malformed escapes: keep the path as sent.
    }
  }
  if (path === '' || path === '/') return '/';
  return path.replace(/\/+$/, '') || '/';
}

function readQuery(params: URLSearchParams): ReadonlyMap<string, string> {
  const query = new Map<string, string>();
  for (const [name, value] of params) {
    const key = name.toLowerCase();
    if (!query.has(key)) query.set(key, value);
  }
  return query;
}

/** Parses a page URL; garbage, `javascript:` and other non-web URLs give nulls and an empty query. */
export function parseUrl(raw: unknown): ParsedUrl {
  const parsed = toUrl(raw);
  if (!parsed) return EMPTY_URL;
  const { url, relative } = parsed;
  if (!WEB_PROTOCOLS.has(url.protocol)) return EMPTY_URL;
  return {
    host: relative ? null : normaliseHost(url.hostname),
    path: normalisePath(url.pathname),
    query: url.search === '' ? EMPTY_QUERY : readQuery(url.searchParams),
  };
}

function clean(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** utm_* values of a parsed query (names matched case-insensitively, empty values are null). */
export function readUtm(query: ReadonlyMap<string, string>): UtmParams {
  return {
    source: clean(query.get('utm_source')),
    medium: clean(query.get('utm_medium')),
    campaign: clean(query.get('utm_campaign')),
    term: clean(query.get('utm_term')),
    content: clean(query.get('utm_content')),
  };
}

/** The name of the click id present in the query (`'gclid'`), by priority; null when none has a value. */
export function readClickId(query: ReadonlyMap<string, string>): ClickIdParam | null {
  for (const name of CLICK_ID_PRIORITY) {
    if (clean(query.get(name)) !== null) return name;
  }
  return null;
}

export function stripWww(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}

/** The referrer's lowercased host without `www.`; for Android apps, the package name. */
export function referrerDomainOf(referrer: unknown): string | null {
  const parsed = toUrl(referrer);
  if (!parsed || parsed.relative) return null;
  const { url } = parsed;
  if (!WEB_PROTOCOLS.has(url.protocol) && url.protocol !== APP_PROTOCOL) return null;
  const host = normaliseHost(url.hostname);
  return host === null ? null : stripWww(host);
}

/** Second-level labels under which country TLDs register names (`example.co.uk`, `example.com.tr`). */
const SECOND_LEVEL = new Set([
  'ac',
  'co',
  'com',
  'edu',
  'gen',
  'go',
  'gob',
  'gov',
  'ltd',
  'mil',
  'ne',
  'net',
  'nom',
  'or',
  'org',
  'plc',
  'sch',
  'biz',
  'info',
  'msk',
  'spb',
  'waw',
]);
/** Hosting suffixes where each subdomain is a different owner: never one site. */
const SHARED_SUFFIXES = [
  'github.io',
  'gitlab.io',
  'vercel.app',
  'netlify.app',
  'pages.dev',
  'workers.dev',
  'web.app',
  'firebaseapp.com',
  'herokuapp.com',
  'appspot.com',
  'azurewebsites.net',
  'cloudfront.net',
  'blogspot.com',
  'wordpress.com',
  'wixsite.com',
  'myshopify.com',
  'tilda.ws',
  'onrender.com',
  'fly.dev',
  'narod.ru',
  'ucoz.ru',
];

/** How many trailing labels form the public suffix: `co.uk` and `com.tr` are 2, `pl` is 1 (a heuristic, not the PSL). */
export function publicSuffixLength(labels: readonly string[]): number {
  const n = labels.length;
  if (n < 2) return 0;
  const last = labels[n - 1] ?? '';
  const second = labels[n - 2] ?? '';
  return n >= 3 && last.length === 2 && SECOND_LEVEL.has(second) ? 2 : 1;
}

const REGISTRABLE_CACHE_SIZE = 10_000;
const registrableCache = new Map<string, string>();

/** The registrable domain of a host (`blog.example.co.uk` -> `example.co.uk`); IPs and single labels as they are. */
export function registrableDomain(host: string): string {
  const cached = registrableCache.get(host);
  if (cached !== undefined) return cached;
  const domain = computeRegistrableDomain(stripWww(host.toLowerCase()));
  if (registrableCache.size >= REGISTRABLE_CACHE_SIZE) registrableCache.clear();
  registrableCache.set(host, domain);
  return domain;
}

function computeRegistrableDomain(h: string): string {
  if (h.includes(':') || /^[\d.]+$/.test(h)) return h;
  for (const suffix of SHARED_SUFFIXES) {
    if (h.endsWith(`.${suffix}`)) {
      const rest = h.slice(0, -suffix.length - 1).split('.');
      return `${rest[rest.length - 1]}.${suffix}`;
    }
  }
  const labels = h.split('.');
  const keep = publicSuffixLength(labels) + 1;
  return labels.length <= keep ? h : labels.slice(-keep).join('.');
}

/** Whether the referrer is the same site as the page (subdomains included, `www.` ignored). */
export function isInternalReferrer(referrerDomain: string | null, pageHost: string | null): boolean {
  if (referrerDomain === null || pageHost === null) return false;
  return registrableDomain(referrerDomain) === registrableDomain(pageHost);
}

/** Everything enrichment needs from one page view's URL and referrer. */
export function parseVisit(url: unknown, referrer: unknown): ParsedVisit {
  const page = parseUrl(url);
  const referrerDomain = referrerDomainOf(referrer);
  return {
    host: page.host,
    path: page.path,
    query: page.query,
    utm: readUtm(page.query),
    clickId: readClickId(page.query),
    referrerDomain,
    referrerInternal: isInternalReferrer(referrerDomain, page.host),
  };
}
