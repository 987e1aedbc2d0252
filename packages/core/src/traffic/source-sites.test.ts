import { describe, expect, it } from 'vitest';
import { knownSourcePatterns, lookupSource, type SourceCategory } from './source-sites.ts';

describe('lookupSource', () => {
  it.each<[source: string, name: string | null, category: SourceCategory | null]>([
    // Google and its many country domains; subdomains that are not search.
    ['google', 'google', 'search'],
    ['Google', 'google', 'search'],
    ['google.com', 'google', 'search'],
    ['www.google.pl', 'google', 'search'],
    ['images.google.pl', 'google', 'search'],
    ['google.com.tr', 'google', 'search'],
    ['google.co.uk', 'google', 'search'],
    ['https://www.google.pl/search?q=crm', 'google', 'search'],
    ['com.google.android.googlequicksearchbox', 'google', 'search'],
    ['shopping.google.com', 'google shopping', 'shopping'],
    ['mail.google.com', 'gmail', 'webmail'],
    ['docs.google.com', 'google', 'other'],
    ['googleadservices.com', null, null],
    ['google.example.com', null, null],
    ['notgoogle.com', null, null],
    // Yandex family.
    ['yandex', 'yandex', 'search'],
    ['yandex.ru', 'yandex', 'search'],
    ['yandex.com', 'yandex', 'search'],
    ['yandex.by', 'yandex', 'search'],
    ['yandex.kz', 'yandex', 'search'],
    ['yandex.com.tr', 'yandex', 'search'],
    ['ya.ru', 'yandex', 'search'],
    ['mail.yandex.ru', 'yandex mail', 'webmail'],
    ['market.yandex.ru', 'yandex market', 'shopping'],
    ['zen.yandex.ru', 'dzen', 'social'],
    ['dzen.ru', 'dzen', 'social'],
    // Mail.ru, Rambler.
    ['go.mail.ru', 'mail.ru', 'search'],
    ['mail.ru', 'mail.ru', 'search'],
    ['e.mail.ru', 'mail.ru mail', 'webmail'],
    ['my.mail.ru', 'my.mail.ru', 'social'],
    ['news.mail.ru', null, null],
    ['rambler.ru', 'rambler', 'search'],
    ['news.rambler.ru', null, null],
    // Polish portals: search on the portal and its search subdomain, news elsewhere.
    ['onet.pl', 'onet', 'search'],
    ['www.onet.pl', 'onet', 'search'],
    ['szukaj.onet.pl', 'onet', 'search'],
    ['wiadomosci.onet.pl', null, null],
    ['poczta.onet.pl', 'onet poczta', 'webmail'],
    ['wp.pl', 'wp', 'search'],
    ['sport.wp.pl', null, null],
    ['interia.pl', 'interia', 'search'],
    ['allegro.pl', 'allegro', 'shopping'],
    ['allegro.cz', 'allegro', 'shopping'],
    ['ceneo.pl', 'ceneo', 'shopping'],
    ['wykop.pl', 'wykop', 'social'],
    ['nk.pl', 'nk', 'social'],
    // Czech, Korean, Chinese engines.
    ['seznam.cz', 'seznam', 'search'],
    ['search.seznam.cz', 'seznam', 'search'],
    ['email.seznam.cz', 'seznam email', 'webmail'],
    ['naver.com', 'naver', 'search'],
    ['search.naver.com', 'naver', 'search'],
    ['blog.naver.com', 'naver', 'social'],
    ['shopping.naver.com', 'naver shopping', 'shopping'],
    ['baidu.com', 'baidu', 'search'],
    ['m.baidu.com', 'baidu', 'search'],
    ['so.com', 'so.com', 'search'],
    ['sogou.com', 'sogou', 'search'],
    // Other engines.
    ['bing.com', 'bing', 'search'],
    ['cn.bing.com', 'bing', 'search'],
    ['duckduckgo.com', 'duckduckgo', 'search'],
    ['search.yahoo.com', 'yahoo', 'search'],
    ['yahoo.co.jp', 'yahoo', 'search'],
    ['mail.yahoo.com', 'yahoo mail', 'webmail'],
    ['ecosia.org', 'ecosia', 'search'],
    ['startpage.com', 'startpage', 'search'],
    ['search.brave.com', 'brave', 'search'],
    ['qwant.com', 'qwant', 'search'],
    ['ask.com', 'ask', 'search'],
    ['search.aol.com', 'aol', 'search'],
    // Social networks and messengers.
    ['vk.com', 'vk', 'social'],
    ['away.vk.com', 'vk', 'social'],
    ['ok.ru', 'ok', 'social'],
    ['t.me', 'telegram', 'social'],
    ['telegram.org', 'telegram', 'social'],
    ['org.telegram.messenger', 'telegram', 'social'],
    ['ru.pinterest.com', 'pinterest', 'social'],
    ['pinterest.co.uk', 'pinterest', 'social'],
    ['snapchat.com', 'snapchat', 'social'],
    ['discord.gg', 'discord', 'social'],
    ['quora.com', 'quora', 'social'],
    ['tumblr.com', 'tumblr', 'social'],
    // Video.
    ['www.youtube.com', 'youtube', 'video'],
    ['m.youtube.com', 'youtube', 'video'],
    ['youtu.be', 'youtube', 'video'],
    ['rutube.ru', 'rutube', 'video'],
    ['vkvideo.ru', 'vk video', 'video'],
    ['twitch.tv', 'twitch', 'video'],
    ['dailymotion.com', 'dailymotion', 'video'],
    ['vimeo.com', 'vimeo', 'video'],
    // Shopping.
    ['ozon.ru', 'ozon', 'shopping'],
    ['wildberries.ru', 'wildberries', 'shopping'],
    ['wb.ru', 'wildberries', 'shopping'],
    ['aliexpress.ru', 'aliexpress', 'shopping'],
    ['amazon.ae', 'amazon', 'shopping'],
    ['amazon.co.uk', 'amazon', 'shopping'],
    ['aws.amazon.com', 'amazon', 'other'],
    ['noon.com', 'noon', 'shopping'],
    ['ebay.de', 'ebay', 'shopping'],
    // Lookalikes and garbage.
    ['vk.com.evil.net', null, null],
    ['example.com', null, null],
    ['192.168.0.1', null, null],
    ['...', null, null],
    ['newsletter', null, null],
  ])('%s -> %s (%s)', (source, name, category) => {
    const site = lookupSource(source);
    expect(site?.name ?? null).toBe(name);
    expect(site?.category ?? null).toBe(category);
  });

  it('answers null for empty input', () => {
    expect(lookupSource('')).toBeNull();
    expect(lookupSource('   ')).toBeNull();
    expect(lookupSource(null)).toBeNull();
    expect(lookupSource(undefined)).toBeNull();
  });

  it('has no pattern listed twice', () => {
    const patterns = knownSourcePatterns();
    const repeated = patterns.filter((p, i) => patterns.indexOf(p) !== i);
    expect(repeated).toEqual([]);
  });
});
