import { describe, expect, it } from 'vitest';
import { isInternalReferrer, parseUrl, parseVisit, readClickId, readUtm, referrerDomainOf, registrableDomain } from './url.ts';

describe('parseUrl', () => {
  it.each([
    ['https://example.com', 'example.com', '/'],
    ['https://example.com/', 'example.com', '/'],
    ['https://example.com/pricing/', 'example.com', '/pricing'],
    ['https://example.com/pricing//', 'example.com', '/pricing'],
    ['https://Example.COM./Pricing?x=1#top', 'example.com', '/Pricing'],
    ['https://www.example.com/a/b/?q=1', 'www.example.com', '/a/b'],
    ['http://localhost:3000/app', 'localhost', '/app'],
    ['example.com/pricing', 'example.com', '/pricing'],
    ['//cdn.example.com/x/', 'cdn.example.com', '/x'],
    ['/pricing/?utm_source=x', null, '/pricing'],
    ['https://example.com/%D0%BE-%D0%BD%D0%B0%D1%81', 'example.com', '/о-нас'],
    ['https://example.com/a%2Fb%3Fc', 'example.com', '/a%2Fb%3Fc'],
    ['https://example.com/%E0%A4%A', 'example.com', '/%E0%A4%A'],
    ['https://xn--e1afmkfd.xn--p1ai/', 'xn--e1afmkfd.xn--p1ai', '/'],
  ])('%s -> host %s, path %s', (raw, host, path) => {
    const parsed = parseUrl(raw);
    expect(parsed.host).toBe(host);
    expect(parsed.path).toBe(path);
  });

  it.each([
    [''],
    ['   '],
    ['not a url'],
    ['http://'],
    ['https://exa mple.com/'],
    ['javascript:alert(1)'],
    ['mailto:someone@example.com'],
    ['data:text/html,<b>x</b>'],
    ['ftp://example.com/file'],
    ['%%%'],
    [`https://example.com/${'a'.repeat(9000)}`],
    [null],
    [undefined],
    [42],
    [{ href: 'https://example.com' }],
  ])('garbage %j gives nulls and never throws', (raw) => {
    const parsed = parseUrl(raw);
    expect(parsed.host).toBeNull();
    expect(parsed.path).toBeNull();
    expect(parsed.query.size).toBe(0);
  });

  it('reads the query with lowercased names, first value winning, + as space', () => {
    const { query } = parseUrl('https://example.com/?UTM_Source=Google&utm_source=bing&q=a+b&empty=&bad=%E0%A4');
    expect(query.get('utm_source')).toBe('Google');
    expect(query.get('q')).toBe('a b');
    expect(query.get('empty')).toBe('');
    expect(query.has('bad')).toBe(true);
  });

  it('ignores parameters after the fragment', () => {
    expect(parseUrl('https://example.com/#utm_source=x').query.size).toBe(0);
  });
});

describe('readUtm', () => {
  it('reads all five utm parameters, trimmed, empty as null', () => {
    const { query } = parseUrl(
      'https://example.com/?utm_source=%20newsletter%20&utm_medium=email&utm_campaign=spring+sale&utm_term=&utm_content=hero',
    );
    expect(readUtm(query)).toEqual({
      source: 'newsletter',
      medium: 'email',
      campaign: 'spring sale',
      term: null,
      content: 'hero',
    });
  });

  it('gives nulls for a query without them', () => {
    expect(readUtm(new Map())).toEqual({ source: null, medium: null, campaign: null, term: null, content: null });
  });
});

describe('readClickId', () => {
  it.each([
    ['gclid=abc', 'gclid'],
    ['gbraid=abc', 'gbraid'],
    ['wbraid=abc', 'wbraid'],
    ['dclid=abc', 'dclid'],
    ['fbclid=abc', 'fbclid'],
    ['msclkid=abc', 'msclkid'],
    ['yclid=123', 'yclid'],
    ['ttclid=abc', 'ttclid'],
    ['li_fat_id=abc', 'li_fat_id'],
    ['twclid=abc', 'twclid'],
    ['GCLID=abc', 'gclid'],
    ['fbclid=abc&gclid=def', 'gclid'],
    ['gclid=', null],
    ['gclid', null],
    ['clid=abc', null],
    ['', null],
  ])('?%s -> %s', (query, expected) => {
    expect(readClickId(parseUrl(`https://example.com/?${query}`).query)).toBe(expected);
  });
});

describe('referrerDomainOf', () => {
  it.each([
    ['https://www.google.com/', 'google.com'],
    ['https://images.google.pl/search?q=x', 'images.google.pl'],
    ['https://WWW.Yandex.RU/search/?text=x', 'yandex.ru'],
    ['https://l.facebook.com/l.php?u=x', 'l.facebook.com'],
    ['android-app://com.google.android.gm/', 'com.google.android.gm'],
    ['android-app://org.telegram.messenger', 'org.telegram.messenger'],
    ['t.me/channel', 't.me'],
    ['', null],
    ['about:blank', null],
    ['/relative/path', null],
    ['javascript:void(0)', null],
    ['garbage', null],
    [null, null],
  ])('%j -> %s', (referrer, expected) => {
    expect(referrerDomainOf(referrer)).toBe(expected);
  });
});

describe('registrableDomain and isInternalReferrer', () => {
  it.each([
    ['example.com', 'example.com'],
    ['www.example.com', 'example.com'],
    ['blog.example.com', 'example.com'],
    ['shop.example.co.uk', 'example.co.uk'],
    ['a.b.example.com.tr', 'example.com.tr'],
    ['sklep.example.com.pl', 'example.com.pl'],
    ['t.co', 't.co'],
    ['localhost', 'localhost'],
    ['192.168.0.10', '192.168.0.10'],
    ['alice.github.io', 'alice.github.io'],
    ['docs.alice.github.io', 'alice.github.io'],
  ])('%s -> %s', (host, expected) => {
    expect(registrableDomain(host)).toBe(expected);
  });

  it.each([
    ['example.com', 'www.example.com', true],
    ['www.example.com', 'example.com', true],
    ['blog.example.com', 'example.com', true],
    ['example.com', 'app.example.com', true],
    ['example.org', 'example.com', false],
    ['notexample.com', 'example.com', false],
    ['example.com.evil.net', 'example.com', false],
    ['alice.github.io', 'bob.github.io', false],
    ['example.co.uk', 'other.co.uk', false],
    [null, 'example.com', false],
    ['example.com', null, false],
  ])('referrer %s on page %s -> %s', (referrer, page, expected) => {
    expect(isInternalReferrer(referrer, page)).toBe(expected);
  });
});

describe('parseVisit', () => {
  it('combines page, utm, click id and referrer', () => {
    const visit = parseVisit(
      'https://www.example.com/pricing/?utm_source=newsletter&utm_medium=email&gclid=x',
      'https://example.com/blog/post',
    );
    expect(visit).toMatchObject({
      host: 'www.example.com',
      path: '/pricing',
      utm: { source: 'newsletter', medium: 'email', campaign: null },
      clickId: 'gclid',
      referrerDomain: 'example.com',
      referrerInternal: true,
    });
  });

  it('a path-only URL cannot tell an internal referrer', () => {
    expect(parseVisit('/pricing', 'https://example.com/').referrerInternal).toBe(false);
  });

  it('garbage in, nulls out', () => {
    expect(parseVisit('\u0000\u0001', '::::')).toMatchObject({
      host: null,
      path: null,
      clickId: null,
      referrerDomain: null,
      referrerInternal: false,
    });
  });
});
