/**
 * Known traffic sources: search engines, social networks, video and shopping sites as GA4's source
 * categories define them, extended with the engines and networks Northstar's users meet (Polish,
 * Russian, Czech, Arabic, Korean, Chinese markets), plus webmail (a click from a mail client is
 * email traffic) and a few subdomains of search brands that are not search (Google Docs …).
 */
import { publicSuffixLength, stripWww } from './url.ts';

/** GA4's source categories plus Northstar's `webmail` and `other` (known, but plain referral). */
export type SourceCategory = 'search' | 'social' | 'video' | 'shopping' | 'webmail' | 'other';

export interface KnownSource {
  /** Canonical name: `google`, `yandex`, `facebook`, `vk`, `telegram` … */
  name: string;
  category: SourceCategory;
}

/**
 * Pattern syntax:
 * - `fb`, `vk video`: a source name (a utm_source value), matched whole;
 * - `vk.com`: that domain and its subdomains (`m.vk.com`, `away.vk.com`);
 * - `=onet.pl`: that domain only (`www.` ignored), for portals whose other subdomains are news;
 * - `google.*`: the label under any public suffix (`google.pl`, `google.com.tr`) and its subdomains;
 *   `zen.yandex.*` works the same with a subdomain.
 * The most specific match wins, so `mail.yandex.ru` is webmail while `yandex.ru` is search.
 */
const SITES: ReadonlyArray<readonly [name: string, category: SourceCategory, patterns: readonly string[]]> = [
  // Search engines.
  [
    'google',
    'search',
    [
      'google',
      'google.*',
      'googlemybusiness',
      'google-play',
      'adwords',
      'google ads',
      'google_ads',
      'googleads',
      'com.google.android.googlequicksearchbox',
    ],
  ],
  ['bing', 'search', ['bing', 'bing.*', 'msn', 'microsoft ads', 'microsoft_ads']],
  ['yandex', 'search', ['yandex', 'yandex.*', 'ya.ru', 'ya', 'yandex direct', 'yandex_direct', 'yandexdirect', 'ru.yandex.searchplugin']],
  ['baidu', 'search', ['baidu', 'baidu.*']],
  ['duckduckgo', 'search', ['duckduckgo', 'duckduckgo.*', 'ddg']],
  ['seznam', 'search', ['seznam', 'seznam.cz', 'firmy.cz']],
  ['centrum', 'search', ['centrum', 'centrum.cz']],
  ['naver', 'search', ['naver', 'naver.com']],
  ['daum', 'search', ['daum', 'daum.net']],
  ['yahoo', 'search', ['yahoo', 'yahoo.*']],
  ['ecosia', 'search', ['ecosia', 'ecosia.org']],
  ['mail.ru', 'search', ['go.mail.ru', 'mailru', '=mail.ru']],
  ['rambler', 'search', ['rambler', '=rambler.ru', 'nova.rambler.ru']],
  ['onet', 'search', ['onet', '=onet.pl', 'szukaj.onet.pl']],
  ['wp', 'search', ['=wp.pl', 'szukaj.wp.pl']],
  ['interia', 'search', ['interia', '=interia.pl', 'szukaj.interia.pl']],
  ['startpage', 'search', ['startpage', 'startpage.com', 'startpage.nl']],
  ['brave', 'search', ['brave', 'search.brave.com']],
  ['qwant', 'search', ['qwant', 'qwant.com']],
  ['sogou', 'search', ['sogou', 'sogou.com']],
  ['so.com', 'search', ['so.com', '360.cn', '360search']],
  ['ask', 'search', ['ask', 'ask.com']],
  ['aol', 'search', ['aol', '=aol.com', 'search.aol.com']],
  ['coccoc', 'search', ['coccoc', 'coccoc.com']],
  ['petal', 'search', ['petalsearch', 'petalsearch.com']],
  ['lycos', 'search', ['lycos', 'lycos.com']],
  ['dogpile', 'search', ['dogpile', 'dogpile.com']],
  // Social networks and messengers.
  [
    'facebook',
    'social',
    ['facebook', 'fb', 'meta', 'facebook ads', 'facebook_ads', 'fb_ads', 'facebook.com', 'fb.com', 'fb.me', 'com.facebook.katana'],
  ],
  ['messenger', 'social', ['messenger', 'messenger.com', 'com.facebook.orca']],
  ['instagram', 'social', ['instagram', 'ig', 'instagram.com', 'com.instagram.android']],
  ['threads', 'social', ['threads', 'threads.net', 'threads.com']],
  ['whatsapp', 'social', ['whatsapp', 'whatsapp.com', 'wa.me', 'com.whatsapp']],
  ['linkedin', 'social', ['linkedin', 'linkedin ads', 'linkedin_ads', 'linkedin.com', 'lnkd.in', 'com.linkedin.android']],
  ['x', 'social', ['x', 'twitter', 'x.com', 'twitter.com', 't.co', 'com.twitter.android']],
  ['tiktok', 'social', ['tiktok', 'tiktok ads', 'tiktok_ads', 'tiktok.com', 'com.zhiliaoapp.musically']],
  ['pinterest', 'social', ['pinterest', 'pinterest.*', 'pin.it']],
  ['reddit', 'social', ['reddit', 'reddit.com', 'redd.it']],
  [
    'vk',
    'social',
    ['vk', 'vkontakte', 'vk ads', 'vk_ads', 'vkads', 'mytarget', 'vk.com', 'vk.ru', 'vk.me', 'vkontakte.ru', 'com.vkontakte.android'],
  ],
  ['ok', 'social', ['ok', 'ok.ru', 'odnoklassniki', 'odnoklassniki.ru', 'ru.ok.android']],
  ['my.mail.ru', 'social', ['my.mail.ru']],
  ['telegram', 'social', ['telegram', 'tg', 't.me', 'telegram.me', 'telegram.org', 'telegram.dog', 'org.telegram.messenger']],
  ['dzen', 'social', ['dzen', 'dzen.ru', 'zen.yandex.*']],
  ['snapchat', 'social', ['snapchat', 'snapchat.com']],
  ['wykop', 'social', ['wykop', 'wykop.pl']],
  ['nk', 'social', ['nk', 'nk.pl', 'nasza-klasa.pl']],
  ['goldenline', 'social', ['goldenline', 'goldenline.pl']],
  ['tumblr', 'social', ['tumblr', 'tumblr.com']],
  ['quora', 'social', ['quora', 'quora.com']],
  ['discord', 'social', ['discord', 'discord.com', 'discord.gg', 'discordapp.com']],
  ['pikabu', 'social', ['pikabu', 'pikabu.ru']],
  ['livejournal', 'social', ['livejournal', 'livejournal.com']],
  ['xing', 'social', ['xing', 'xing.com']],
  ['mastodon', 'social', ['mastodon', 'mastodon.social']],
  ['bluesky', 'social', ['bluesky', 'bsky.app']],
  ['medium', 'social', ['medium.com']],
  ['line', 'social', ['line', 'line.me']],
  ['viber', 'social', ['viber', 'viber.com']],
  ['weibo', 'social', ['weibo', 'weibo.com']],
  ['wechat', 'social', ['wechat', 'weixin.qq.com']],
  ['douyin', 'social', ['douyin', 'douyin.com']],
  ['zhihu', 'social', ['zhihu', 'zhihu.com']],
  ['xiaohongshu', 'social', ['xiaohongshu', 'xiaohongshu.com']],
  ['kakao', 'social', ['kakao', 'kakao.com']],
  ['naver', 'social', ['blog.naver.com', 'cafe.naver.com', 'kin.naver.com']],
  ['yahoo answers', 'social', ['answers.yahoo.com']],
  ['google groups', 'social', ['groups.google.com']],
  ['flipboard', 'social', ['flipboard', 'flipboard.com']],
  // Video.
  ['youtube', 'video', ['youtube', 'yt', 'youtube.*', 'youtu.be', 'com.google.android.youtube']],
  ['vimeo', 'video', ['vimeo', 'vimeo.com']],
  ['rutube', 'video', ['rutube', 'rutube.ru']],
  ['twitch', 'video', ['twitch', 'twitch.tv']],
  ['dailymotion', 'video', ['dailymotion', 'dailymotion.com', 'dai.ly']],
  ['vk video', 'video', ['vk video', 'vkvideo', 'vkvideo.ru']],
  ['bilibili', 'video', ['bilibili', 'bilibili.com']],
  ['youku', 'video', ['youku', 'youku.com']],
  ['iqiyi', 'video', ['iqiyi', 'iqiyi.com']],
  ['netflix', 'video', ['netflix', 'netflix.com']],
  ['wistia', 'video', ['wistia', 'wistia.com', 'wistia.net']],
  ['shahid', 'video', ['shahid', 'shahid.mbc.net']],
  // Shopping.
  ['amazon', 'shopping', ['amazon', 'amazon.*']],
  ['allegro', 'shopping', ['allegro', 'allegro.*', 'allegrolokalnie.pl']],
  ['ozon', 'shopping', ['ozon', 'ozon.*']],
  ['wildberries', 'shopping', ['wildberries', 'wildberries.*', 'wb.ru']],
  ['ebay', 'shopping', ['ebay', 'ebay.*']],
  ['aliexpress', 'shopping', ['aliexpress', 'aliexpress.*']],
  ['alibaba', 'shopping', ['alibaba', 'alibaba.com']],
  ['google shopping', 'shopping', ['google shopping', 'google_shopping', 'shopping.google.*']],
  ['instagram shopping', 'shopping', ['igshopping']],
  ['yandex market', 'shopping', ['yandex market', 'yandex_market', 'market.yandex.*']],
  ['naver shopping', 'shopping', ['shopping.naver.com']],
  ['noon', 'shopping', ['noon', 'noon.com']],
  ['namshi', 'shopping', ['namshi', 'namshi.com']],
  ['jumia', 'shopping', ['jumia', 'jumia.*']],
  ['avito', 'shopping', ['avito', 'avito.ru']],
  ['olx', 'shopping', ['olx', 'olx.*']],
  ['ceneo', 'shopping', ['ceneo', 'ceneo.pl']],
  ['empik', 'shopping', ['empik', 'empik.com']],
  ['heureka', 'shopping', ['heureka', 'heureka.cz']],
  ['megamarket', 'shopping', ['megamarket', 'megamarket.ru']],
  ['kaspi', 'shopping', ['kaspi', 'kaspi.kz']],
  ['etsy', 'shopping', ['etsy', 'etsy.com']],
  ['walmart', 'shopping', ['walmart', 'walmart.com']],
  ['temu', 'shopping', ['temu', 'temu.com']],
  ['mercadolibre', 'shopping', ['mercadolibre', 'mercadolibre.*']],
  ['rakuten', 'shopping', ['rakuten', 'rakuten.*']],
  ['taobao', 'shopping', ['taobao', 'taobao.com', 'tmall.com', 'jd.com']],
  // Webmail: a click in a mail client is email traffic.
  ['gmail', 'webmail', ['mail.google.com', 'com.google.android.gm']],
  ['outlook', 'webmail', ['outlook.live.com', 'outlook.office.com', 'outlook.office365.com']],
  ['yahoo mail', 'webmail', ['mail.yahoo.*']],
  ['yandex mail', 'webmail', ['mail.yandex.*']],
  ['mail.ru mail', 'webmail', ['e.mail.ru', 'touch.mail.ru']],
  ['rambler mail', 'webmail', ['mail.rambler.ru']],
  ['onet poczta', 'webmail', ['poczta.onet.pl']],
  ['wp poczta', 'webmail', ['poczta.wp.pl']],
  ['interia poczta', 'webmail', ['poczta.interia.pl']],
  ['o2 poczta', 'webmail', ['poczta.o2.pl']],
  ['seznam email', 'webmail', ['email.seznam.cz']],
  ['aol mail', 'webmail', ['mail.aol.com']],
  ['proton mail', 'webmail', ['mail.proton.me']],
  // Subdomains of search brands that are not search.
  ['google', 'other', ['docs.google.*', 'drive.google.*', 'sites.google.*', 'accounts.google.*', 'translate.google.*', 'meet.google.*']],
  ['yandex', 'other', ['disk.yandex.*', 'translate.yandex.*', 'music.yandex.*']],
  ['amazon', 'other', ['aws.amazon.*']],
];

const byName = new Map<string, KnownSource>();
const byDomain = new Map<string, KnownSource>();
const byExactDomain = new Map<string, KnownSource>();
const byLabel = new Map<string, KnownSource>();

for (const [name, category, patterns] of SITES) {
  const site: KnownSource = { name, category };
  for (const pattern of patterns) {
    if (pattern.startsWith('=')) byExactDomain.set(pattern.slice(1), site);
    else if (pattern.endsWith('.*')) byLabel.set(pattern.slice(0, -2), site);
    else if (pattern.includes('.') && !pattern.includes(' ')) byDomain.set(pattern, site);
    else byName.set(pattern, site);
  }
}

/** All patterns, for tests that check the table has no duplicates. */
export function knownSourcePatterns(): string[] {
  return SITES.flatMap(([, , patterns]) => patterns);
}

/** The host inside a source that is a domain or URL (`https://www.google.pl/search` -> `google.pl`). */
function hostOf(source: string): string {
  const host = source.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split(/[/?#:]/, 1)[0] ?? '';
  return stripWww(host.replace(/\.$/, ''));
}

const LOOKUP_CACHE_SIZE = 10_000;
const lookupCache = new Map<string, KnownSource | null>();

function lookupHost(host: string): KnownSource | null {
  if (host === '') return null;
  const labels = host.split('.');
  const baseLength = labels.length - publicSuffixLength(labels);
  for (let i = 0; i < labels.length; i++) {
    const suffix = labels.slice(i).join('.');
    const site = (i === 0 ? byExactDomain.get(suffix) : undefined) ?? byDomain.get(suffix);
    if (site) return site;
    if (i < baseLength) {
      const labelled = byLabel.get(labels.slice(i, baseLength).join('.'));
      if (labelled) return labelled;
    }
  }
  return null;
}

/**
 * The known source a utm_source value or referrer domain stands for, case-insensitively:
 * `Google`, `google.com`, `images.google.pl`, `yandex.com.tr`, `l.facebook.com` … Null when unknown.
 */
export function lookupSource(source: string | null | undefined): KnownSource | null {
  if (typeof source !== 'string') return null;
  const cached = lookupCache.get(source);
  if (cached !== undefined) return cached;
  const text = source.trim().toLowerCase();
  const named = byName.get(text);
  const site = named ?? (text.includes('.') ? lookupHost(hostOf(text)) : null);
  // Sources and referrer domains repeat across millions of events; a full cache is simply dropped.
  if (lookupCache.size >= LOOKUP_CACHE_SIZE) lookupCache.clear();
  lookupCache.set(source, site);
  return site;
}

/** GA4's source category of a source, or null (webmail and other known sites have none in GA4). */
export function sourceCategoryOf(source: string | null | undefined): 'search' | 'social' | 'video' | 'shopping' | null {
  const site = lookupSource(source);
  if (!site) return null;
  switch (site.category) {
    case 'search':
    case 'social':
    case 'video':
    case 'shopping':
      return site.category;
    default:
      return null;
  }
}
