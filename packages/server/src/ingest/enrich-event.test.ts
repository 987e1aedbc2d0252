import { STORED_TABLES } from '@northstar/core';
import { describe, expect, it } from 'vitest';
import { type EnrichedEvent, enrichContactSource, enrichEvent, parseUserAgent, UserAgentCache } from './enrich-event.ts';

const UA = {
  iPhoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 14; SM-G991B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.113 Mobile Safari/537.36',
  androidReduced: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  iPad: 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  androidTablet: 'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  windowsChrome: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  macFirefox: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:126.0) Gecko/20100101 Firefox/126.0',
  yandexBrowser:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 YaBrowser/24.4.0.0 Safari/537.36',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  googlebotSmartphone:
    'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.118 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  yandexBot: 'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)',
  bingbot: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  curl: 'curl/8.5.0',
  pythonRequests: 'python-requests/2.31.0',
  headless: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36',
};

function row(overrides: Record<string, string | number | null> = {}): Record<string, string | number | null> {
  return {
    event_id: 'e1',
    timestamp: Date.UTC(2026, 0, 15, 10, 0, 0),
    type: 'pageview',
    name: null,
    site: 'default',
    visitor_id: 'v1',
    session_id: null,
    contact_id: null,
    url: 'https://www.example.com/pricing/',
    title: 'Pricing',
    referrer: null,
    utm_source: null,
    utm_medium: null,
    utm_campaign: null,
    utm_term: null,
    utm_content: null,
    user_agent: UA.windowsChrome,
    device: null,
    country: 'PL',
    value: null,
    currency: null,
    experiment: null,
    variant: null,
    scroll_percent: null,
    ...overrides,
  };
}

function enriched(overrides: Record<string, string | number | null> = {}): EnrichedEvent {
  const result = enrichEvent(row(overrides));
  if ('bot' in result) throw new Error(`unexpected bot: ${result.bot}`);
  return result;
}

describe('enrichEvent: user agents', () => {
  it.each([
    ['iPhone Safari', UA.iPhoneSafari, 'mobile', 'Mobile Safari', 'iOS', 'Apple iPhone'],
    ['Android Chrome', UA.androidChrome, 'mobile', 'Chrome', 'Android', 'Samsung SM-G991B'],
    ['Android Chrome, reduced UA', UA.androidReduced, 'mobile', 'Chrome', 'Android', null],
    ['iPad', UA.iPad, 'tablet', 'Mobile Safari', 'iOS', 'Apple iPad'],
    ['Android tablet', UA.androidTablet, 'tablet', 'Chrome', 'Android', 'Samsung SM-X700'],
    ['Windows Chrome', UA.windowsChrome, 'desktop', 'Chrome', 'Windows', null],
    ['macOS Firefox', UA.macFirefox, 'desktop', 'Firefox', 'Mac OS', 'Apple Macintosh'],
    ['Yandex Browser', UA.yandexBrowser, 'desktop', 'Yandex', 'Windows', null],
  ])('%s', (_name, userAgent, device, browser, os, model) => {
    const event = enriched({ user_agent: userAgent });
    expect(event).toMatchObject({ device, browser, os, device_model: model });
    expect(event).not.toHaveProperty('user_agent');
  });

  it.each([
    ['Googlebot', UA.googlebot, 'googlebot'],
    ['Googlebot smartphone', UA.googlebotSmartphone, 'googlebot'],
    ['YandexBot', UA.yandexBot, 'yandexbot'],
    ['bingbot', UA.bingbot, 'bingbot'],
    ['curl', UA.curl, 'curl'],
    ['python-requests', UA.pythonRequests, 'python-requests'],
    ['headless Chrome', UA.headless, 'headlesschrome'],
  ])('%s is a bot', (_name, userAgent, reason) => {
    expect(enrichEvent(row({ user_agent: userAgent }))).toEqual({ bot: reason });
  });

  it('an empty user agent is a visitor by default (imports), with device unknown', () => {
    for (const userAgent of [null, '', '   ']) {
      expect(enriched({ user_agent: userAgent })).toMatchObject({ device: null, browser: null, os: null, device_model: null });
    }
  });

  it('an empty user agent is a bot when the collector says so', () => {
    expect(enrichEvent(row({ user_agent: '' }), { emptyUserAgent: 'bot' })).toEqual({ bot: 'empty user agent' });
    expect('bot' in enrichEvent(row(), { emptyUserAgent: 'bot' })).toBe(false);
  });

  it('an explicit device column overrides the user agent', () => {
    expect(enriched({ user_agent: UA.windowsChrome, device: 'tablet' }).device).toBe('tablet');
    expect(enriched({ user_agent: null, device: 'mobile' }).device).toBe('mobile');
  });
});

describe('enrichEvent: traffic', () => {
  it('splits the URL and keeps the row', () => {
    const event = enriched({ url: 'https://www.example.com/pricing/?plan=pro#faq' });
    expect(event).toMatchObject({
      event_id: 'e1',
      site: 'default',
      type: 'pageview',
      url: 'https://www.example.com/pricing/?plan=pro#faq',
      host: 'www.example.com',
      path: '/pricing',
      title: 'Pricing',
      country: 'PL',
    });
  });

  it('reads empty utm fields from the URL, keeping the ones the row has', () => {
    const event = enriched({
      url: 'https://example.com/?utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_term=crm&utm_content=hero',
      utm_campaign: 'override',
    });
    expect(event).toMatchObject({
      utm_source: 'newsletter',
      utm_medium: 'email',
      utm_campaign: 'override',
      utm_term: 'crm',
      utm_content: 'hero',
      source: 'newsletter',
      medium: 'email',
      campaign: 'override',
      channel: 'Email',
    });
  });

  it.each([
    ['gclid', 'https://example.com/?gclid=abc', null, 'gclid', 'google', 'cpc', 'Paid Search'],
    ['yclid', 'https://example.com/?yclid=123', 'https://yandex.ru/', 'yclid', 'yandex', 'cpc', 'Paid Search'],
    ['msclkid', 'https://example.com/?msclkid=abc', null, 'msclkid', 'bing', 'cpc', 'Paid Search'],
    ['fbclid', 'https://example.com/?fbclid=abc', 'https://l.facebook.com/', 'fbclid', 'facebook', 'social', 'Organic Social'],
    ['ttclid', 'https://example.com/?ttclid=abc', null, 'ttclid', 'tiktok', 'cpc', 'Paid Social'],
  ])('click id %s', (_name, url, referrer, clickId, source, medium, channel) => {
    expect(enriched({ url, referrer })).toMatchObject({ click_id: clickId, source, medium, channel });
  });

  it.each([
    ['search', 'https://www.google.pl/', 'google.pl', 'google', 'organic', 'Organic Search'],
    ['yandex', 'https://yandex.ru/search/?text=crm', 'yandex.ru', 'yandex', 'organic', 'Organic Search'],
    ['seznam', 'https://search.seznam.cz/?q=crm', 'search.seznam.cz', 'seznam', 'organic', 'Organic Search'],
    ['social', 'https://vk.com/away.php', 'vk.com', 'vk', 'social', 'Organic Social'],
    ['telegram', 'https://t.me/channel/12', 't.me', 'telegram', 'social', 'Organic Social'],
    ['video', 'https://www.youtube.com/', 'youtube.com', 'youtube', 'referral', 'Organic Video'],
    ['webmail', 'https://mail.yandex.ru/', 'mail.yandex.ru', 'mail.yandex.ru', 'email', 'Email'],
    ['other', 'https://blog.partner.org/post', 'blog.partner.org', 'blog.partner.org', 'referral', 'Referral'],
    ['none', null, null, '(direct)', '(none)', 'Direct'],
  ])('referrer only: %s', (_name, referrer, domain, source, medium, channel) => {
    expect(enriched({ url: 'https://example.com/', referrer })).toMatchObject({ referrer_domain: domain, source, medium, channel });
  });

  it('internal navigation brings no source: source, medium, campaign and channel stay null', () => {
    const event = enriched({ url: 'https://example.com/pricing', referrer: 'https://www.example.com/' });
    expect(event).toMatchObject({ referrer_domain: 'example.com', source: null, medium: null, campaign: null, channel: null });
  });

  it('gives a page seen again (a cached parse) the same answer, apart for each referrer and each row', () => {
    const url = 'https://example.com/landing?utm_campaign=spring';
    const fromGoogle = { url, referrer: 'https://www.google.com/' };
    const first = enriched(fromGoogle);
    expect(enriched(fromGoogle)).toEqual(first);
    expect(first).toMatchObject({ source: 'google', channel: 'Organic Search', utm_campaign: 'spring' });
    expect(enriched({ url, referrer: 'https://www.facebook.com/' })).toMatchObject({ source: 'facebook', channel: 'Organic Social' });
    expect(enriched({ url, referrer: null })).toMatchObject({ source: '(direct)', channel: 'Direct' });
    // The row's own utm fields still win over the shared parse of the URL.
    expect(enriched({ ...fromGoogle, utm_campaign: 'autumn' })).toMatchObject({ utm_campaign: 'autumn', campaign: 'autumn' });
    expect(enriched(fromGoogle)).toMatchObject({ utm_campaign: 'spring', campaign: 'spring' });
  });

  it('garbage URLs and referrers do not throw', () => {
    const event = enriched({ url: 'javascript:alert(1)', referrer: '::::' });
    expect(event).toMatchObject({ host: null, path: null, referrer_domain: null, source: '(direct)', channel: 'Direct' });
  });
});

describe('enrichEvent: session and value', () => {
  it('marks an empty session_id as derived, and keeps a given one', () => {
    expect(enriched({ session_id: null })).toMatchObject({ session_id: null, session_derived: true });
    expect(enriched({ session_id: 's1' })).toMatchObject({ session_id: 's1', session_derived: false });
  });

  it('keeps value in its currency, with value_original equal to it', () => {
    expect(enriched({ type: 'goal', name: 'signup', value: 49.5, currency: 'EUR' })).toMatchObject({
      value: 49.5,
      value_original: 49.5,
      currency: 'EUR',
    });
    expect(enriched()).toMatchObject({ value: null, value_original: null });
  });

  it('produces exactly the stored columns of table events, in order', () => {
    expect(Object.keys(enriched())).toEqual(STORED_TABLES.events.columns.map(([name]) => name));
  });
});

describe('UserAgentCache', () => {
  it('parses each user agent once and evicts the least recently used', () => {
    const cache = new UserAgentCache(2);
    const first = cache.lookup(UA.iPhoneSafari);
    cache.lookup(UA.windowsChrome);
    expect(cache.lookup(UA.iPhoneSafari)).toBe(first);
    cache.lookup(UA.macFirefox);
    expect(cache.size).toBe(2);
    // windowsChrome was the least recently used, so iPhoneSafari is still cached.
    expect(cache.lookup(UA.iPhoneSafari)).toBe(first);
  });

  it('does not keep very long user agents', () => {
    const cache = new UserAgentCache(10);
    cache.lookup(`${UA.windowsChrome} ${'x'.repeat(2000)}`);
    expect(cache.size).toBe(0);
  });

  it('gives the same answer as parsing directly', () => {
    expect(new UserAgentCache().lookup(UA.androidChrome)).toEqual(parseUserAgent(UA.androidChrome));
  });
});

describe('enrichContactSource', () => {
  it.each([
    ['google', 'cpc', 'brand', 'Paid Search'],
    ['yandex', 'organic', null, 'Organic Search'],
    ['vk', null, null, 'Organic Social'],
    ['newsletter', 'email', 'spring', 'Email'],
    ['partner', 'affiliate', null, 'Affiliates'],
    ['webinar', null, null, 'Unassigned'],
  ])('%s / %s / %s -> %s', (source, medium, campaign, channel) => {
    expect(enrichContactSource(source, medium, campaign)).toEqual({ source, medium, campaign, channel });
  });

  it('a contact with nothing has no channel', () => {
    expect(enrichContactSource(null, null, null)).toEqual({ source: null, medium: null, campaign: null, channel: null });
    expect(enrichContactSource('', ' ', null)).toEqual({ source: null, medium: null, campaign: null, channel: null });
  });
});
