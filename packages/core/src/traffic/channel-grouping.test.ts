import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel, classifyChannel, resolveSource, socialNetworkOf } from './channel-grouping.ts';

type Row = [source: string | null, medium: string | null, campaign: string | null, expected: Channel];

describe('CHANNELS', () => {
  it('lists all 19 channels in GA4 evaluation order', () => {
    expect(CHANNELS).toEqual([
      'Direct',
      'Cross-network',
      'Paid Shopping',
      'Paid Search',
      'Paid Social',
      'Paid Video',
      'Display',
      'Paid Other',
      'Organic Shopping',
      'Organic Social',
      'Organic Video',
      'Organic Search',
      'Email',
      'Affiliates',
      'Referral',
      'Audio',
      'SMS',
      'Mobile Push Notifications',
      'Unassigned',
    ]);
  });
});

describe('classifyChannel: GA4 rules in order', () => {
  it.each<Row>([
    // Direct: source (direct) or empty, medium (none)/(not set)/empty; checked before everything.
    [null, null, null, 'Direct'],
    ['(direct)', '(none)', null, 'Direct'],
    ['(direct)', '(not set)', null, 'Direct'],
    ['(DIRECT)', '(None)', null, 'Direct'],
    ['  ', '', null, 'Direct'],
    [null, null, 'pmax_cross-network', 'Direct'],
    ['(direct)', 'cpc', null, 'Paid Other'],
    ['direct', null, null, 'Unassigned'],
    // Cross-network: campaign contains cross-network, before the source lists.
    ['google', 'cpc', 'pmax_cross-network', 'Cross-network'],
    ['google', 'cpc', 'Cross-Network Spring', 'Cross-network'],
    ['newsletter', 'email', 'cross-network', 'Cross-network'],
    ['google', 'cpc', 'crossnetwork', 'Paid Search'],
    // Paid Shopping: shopping source or shopping campaign, and a paid medium.
    ['allegro', 'cpc', null, 'Paid Shopping'],
    ['ozon.ru', 'paid', null, 'Paid Shopping'],
    ['amazon', 'retargeting', null, 'Paid Shopping'],
    ['Shopping.Google.com', 'cpc', null, 'Paid Shopping'],
    ['google', 'cpc', 'shopping_pl', 'Paid Shopping'],
    ['google', 'ppc', 'summer-shop', 'Paid Shopping'],
    ['google', 'cpc', 'eshop', 'Paid Shopping'],
    ['google', 'cpc', 'Shop', 'Paid Shopping'],
    ['google', 'cpc', 'workshop', 'Paid Search'],
    ['wildberries', 'organic', null, 'Organic Shopping'],
    // Paid Search: search source and a paid medium (cpm counts as paid: .*cp.*).
    ['google', 'cpc', null, 'Paid Search'],
    ['Google', 'CPC', null, 'Paid Search'],
    ['bing', 'ppc', null, 'Paid Search'],
    ['yandex', 'cpc', 'brand', 'Paid Search'],
    ['yandex_direct', 'cpc', null, 'Paid Search'],
    ['seznam', 'paid_search', null, 'Paid Search'],
    ['baidu', 'cpc', null, 'Paid Search'],
    ['naver', 'cpc', null, 'Paid Search'],
    ['images.google.pl', 'cpc', null, 'Paid Search'],
    ['google', 'cpm', null, 'Paid Search'],
    ['google', 'cpa', null, 'Paid Search'],
    ['google', 'retargeting', null, 'Paid Search'],
    // Paid Social.
    ['facebook', 'paid_social', null, 'Paid Social'],
    ['fb', 'cpc', null, 'Paid Social'],
    ['meta', 'paid', null, 'Paid Social'],
    ['instagram', 'cpm', null, 'Paid Social'],
    ['vk', 'cpc', null, 'Paid Social'],
    ['ok.ru', 'cpc', null, 'Paid Social'],
    ['telegram', 'cpm', null, 'Paid Social'],
    ['linkedin', 'paid', null, 'Paid Social'],
    ['twitter', 'cpc', null, 'Paid Social'],
    ['tiktok', 'paid-social', null, 'Paid Social'],
    // Paid Video.
    ['youtube', 'cpv', null, 'Paid Video'],
    ['rutube', 'cpc', null, 'Paid Video'],
    ['vk video', 'paid', null, 'Paid Video'],
    // Display: exact mediums; a paid-looking one (cpm) only after the source-based paid rules.
    ['criteo', 'display', null, 'Display'],
    ['adform', 'banner', null, 'Display'],
    ['dsp', 'Expandable', null, 'Display'],
    ['x', 'interstitial', null, 'Display'],
    ['adnetwork', 'cpm', null, 'Display'],
    ['yandex', 'display', null, 'Display'],
    ['adform', 'banners', null, 'Unassigned'],
    // Paid Other: paid medium, no known source.
    ['partner', 'cpc', null, 'Paid Other'],
    ['newsletter', 'paid', null, 'Paid Other'],
    ['criteo', 'retargeting', null, 'Paid Other'],
    [null, 'ppc', null, 'Paid Other'],
    ['partner', 'paid-video', null, 'Paid Other'],
    ['partner', 'ppc-brand', null, 'Unassigned'], // ppc is matched whole; 'ppc-brand' has no 'cp'
    // Organic Shopping: shopping source or shopping campaign.
    ['allegro', 'referral', null, 'Organic Shopping'],
    ['amazon', null, null, 'Organic Shopping'],
    ['newsletter', 'email', 'shop-spring', 'Organic Shopping'],
    ['partner', 'referral', 'shopping_days', 'Organic Shopping'],
    ['IGShopping', 'social', null, 'Organic Shopping'],
    // Organic Social: social source or social medium.
    ['facebook', 'social', null, 'Organic Social'],
    ['l.facebook.com', 'referral', null, 'Organic Social'],
    ['vk.com', 'referral', null, 'Organic Social'],
    ['ok.ru', 'referral', null, 'Organic Social'],
    ['t.me', 'referral', null, 'Organic Social'],
    ['dzen.ru', 'referral', null, 'Organic Social'],
    ['zen.yandex.ru', 'referral', null, 'Organic Social'],
    ['wykop.pl', 'referral', null, 'Organic Social'],
    ['lnkd.in', null, null, 'Organic Social'],
    ['partner', 'social-network', null, 'Organic Social'],
    ['partner', 'SM', null, 'Organic Social'],
    ['partner', 'social media', null, 'Organic Social'],
    ['partner', 'socials', null, 'Unassigned'],
    // Organic Video: video source or a medium containing video.
    ['youtube', 'referral', null, 'Organic Video'],
    ['youtu.be', null, null, 'Organic Video'],
    ['rutube.ru', 'referral', null, 'Organic Video'],
    ['vkvideo.ru', 'referral', null, 'Organic Video'],
    ['partner', 'video', null, 'Organic Video'],
    ['newsletter', 'videoemail', null, 'Organic Video'],
    // Organic Search: search source or medium exactly organic.
    ['google', 'organic', null, 'Organic Search'],
    ['yandex.ru', 'referral', null, 'Organic Search'],
    ['ya.ru', 'referral', null, 'Organic Search'],
    ['go.mail.ru', 'referral', null, 'Organic Search'],
    ['seznam.cz', 'referral', null, 'Organic Search'],
    ['baidu.com', 'referral', null, 'Organic Search'],
    ['search.naver.com', 'referral', null, 'Organic Search'],
    ['wp.pl', 'referral', null, 'Organic Search'],
    ['duckduckgo.com', 'referral', null, 'Organic Search'],
    ['yandex.com.tr', null, null, 'Organic Search'],
    ['partner', 'organic', null, 'Organic Search'],
    ['partner', 'organic-social', null, 'Unassigned'],
    // Email: source or medium is one of the email spellings.
    ['newsletter', 'email', null, 'Email'],
    ['email', null, null, 'Email'],
    ['E-Mail', 'blast', null, 'Email'],
    ['mailchimp', 'e_mail', null, 'Email'],
    ['crm', 'e mail', null, 'Email'],
    ['email', 'referral', null, 'Email'],
    ['newsletter', 'emails', null, 'Unassigned'],
    // Affiliates.
    ['partner', 'affiliate', null, 'Affiliates'],
    ['partner', 'Affiliate', null, 'Affiliates'],
    ['partner', 'affiliates', null, 'Unassigned'],
    // Referral.
    ['example.org', 'referral', null, 'Referral'],
    ['partner', 'app', null, 'Referral'],
    ['partner', 'link', null, 'Referral'],
    ['mail.google.com', 'referral', null, 'Referral'],
    ['docs.google.com', 'referral', null, 'Referral'],
    // Audio.
    ['spotify', 'audio', null, 'Audio'],
    ['podcast', 'audio-ad', null, 'Unassigned'],
    // SMS.
    ['sms', null, null, 'SMS'],
    ['twilio', 'SMS', null, 'SMS'],
    ['smsapi', 'sms-campaign', null, 'Unassigned'],
    // Mobile Push Notifications.
    ['app', 'web-push', null, 'Mobile Push Notifications'],
    ['onesignal', 'push', null, 'Mobile Push Notifications'],
    ['app', 'mobile', null, 'Mobile Push Notifications'],
    ['app', 'in-app-notification', null, 'Mobile Push Notifications'],
    ['firebase', null, null, 'Mobile Push Notifications'],
    // Unassigned.
    ['newsletter', null, null, 'Unassigned'],
    ['partner', 'offline', null, 'Unassigned'],
    ['(not set)', '(not set)', null, 'Unassigned'],
    ['qr', 'print', null, 'Unassigned'],
  ])('%s / %s / %s -> %s', (source, medium, campaign, expected) => {
    expect(classifyChannel({ source, medium, campaign })).toBe(expected);
  });
});

describe('classifyChannel: click id or referrer only', () => {
  it.each<[clickId: string | null, referrerDomain: string | null, expected: Channel]>([
    [null, 'google.com', 'Organic Search'],
    [null, 'images.google.pl', 'Organic Search'],
    [null, 'yandex.ru', 'Organic Search'],
    [null, 'facebook.com', 'Organic Social'],
    [null, 'vk.com', 'Organic Social'],
    [null, 'youtube.com', 'Organic Video'],
    [null, 'allegro.pl', 'Organic Shopping'],
    [null, 'mail.yandex.ru', 'Email'],
    [null, 'com.google.android.gm', 'Email'],
    [null, 'example.org', 'Referral'],
    [null, null, 'Direct'],
    ['gclid', null, 'Paid Search'],
    ['gbraid', null, 'Paid Search'],
    ['wbraid', null, 'Paid Search'],
    ['msclkid', null, 'Paid Search'],
    ['yclid', 'yandex.ru', 'Paid Search'],
    ['dclid', null, 'Display'],
    ['ttclid', null, 'Paid Social'],
    ['li_fat_id', null, 'Paid Social'],
    ['twclid', 't.co', 'Paid Social'],
    ['fbclid', 'l.facebook.com', 'Organic Social'],
    ['fbclid', null, 'Organic Social'],
    ['unknown', null, 'Direct'],
  ])('click id %s, referrer %s -> %s', (clickId, referrerDomain, expected) => {
    expect(classifyChannel({ source: null, medium: null, campaign: null, clickId, referrerDomain })).toBe(expected);
  });

  it('utm source and medium win over the referrer', () => {
    expect(classifyChannel({ source: 'newsletter', medium: 'email', campaign: null, referrerDomain: 'google.com', clickId: 'gclid' })).toBe(
      'Email',
    );
  });
});

describe('resolveSource', () => {
  const none = { source: null, medium: null, campaign: null };
  it.each<[name: string, input: Parameters<typeof resolveSource>[0], expected: ReturnType<typeof resolveSource>]>([
    [
      'utm tags',
      { utm: { source: 'newsletter', medium: 'email', campaign: 'spring' }, clickId: null, referrerDomain: null, referrerInternal: false },
      { source: 'newsletter', medium: 'email', campaign: 'spring' },
    ],
    [
      'utm source without medium',
      { utm: { source: 'newsletter' }, clickId: null, referrerDomain: 'google.com', referrerInternal: false },
      { source: 'newsletter', medium: '(not set)', campaign: null },
    ],
    [
      'utm medium without source',
      { utm: { medium: 'cpc' }, clickId: null, referrerDomain: null, referrerInternal: false },
      { source: '(not set)', medium: 'cpc', campaign: null },
    ],
    [
      'utm tags beat a click id',
      { utm: { source: 'google', medium: 'paid_search' }, clickId: 'gclid', referrerDomain: null, referrerInternal: false },
      { source: 'google', medium: 'paid_search', campaign: null },
    ],
    [
      'utm tags on an internal link still count',
      { utm: { source: 'banner', medium: 'internal' }, clickId: null, referrerDomain: 'example.com', referrerInternal: true },
      { source: 'banner', medium: 'internal', campaign: null },
    ],
    [
      'blank utm values are empty',
      { utm: { source: '  ', medium: '' }, clickId: null, referrerDomain: null, referrerInternal: false },
      { source: '(direct)', medium: '(none)', campaign: null },
    ],
    [
      'gclid keeps utm_campaign',
      { utm: { campaign: 'brand' }, clickId: 'gclid', referrerDomain: 'google.com', referrerInternal: false },
      { source: 'google', medium: 'cpc', campaign: 'brand' },
    ],
    [
      'msclkid',
      { utm: {}, clickId: 'msclkid', referrerDomain: null, referrerInternal: false },
      { source: 'bing', medium: 'cpc', campaign: null },
    ],
    [
      'yclid',
      { utm: {}, clickId: 'yclid', referrerDomain: null, referrerInternal: false },
      { source: 'yandex', medium: 'cpc', campaign: null },
    ],
    [
      'dclid',
      { utm: {}, clickId: 'dclid', referrerDomain: null, referrerInternal: false },
      { source: 'dv360', medium: 'cpm', campaign: null },
    ],
    [
      'ttclid',
      { utm: {}, clickId: 'ttclid', referrerDomain: null, referrerInternal: false },
      { source: 'tiktok', medium: 'cpc', campaign: null },
    ],
    [
      'li_fat_id',
      { utm: {}, clickId: 'li_fat_id', referrerDomain: null, referrerInternal: false },
      { source: 'linkedin', medium: 'cpc', campaign: null },
    ],
    [
      'twclid',
      { utm: {}, clickId: 'twclid', referrerDomain: 't.co', referrerInternal: false },
      { source: 'x', medium: 'cpc', campaign: null },
    ],
    [
      'fbclid from Instagram',
      { utm: {}, clickId: 'fbclid', referrerDomain: 'l.instagram.com', referrerInternal: false },
      { source: 'instagram', medium: 'social', campaign: null },
    ],
    [
      'fbclid without referrer',
      { utm: {}, clickId: 'fbclid', referrerDomain: null, referrerInternal: false },
      { source: 'facebook', medium: 'social', campaign: null },
    ],
    [
      'fbclid with a non-Meta referrer',
      { utm: {}, clickId: 'fbclid', referrerDomain: 'google.com', referrerInternal: false },
      { source: 'facebook', medium: 'social', campaign: null },
    ],
    [
      'a click id beats an internal referrer (ad redirect through the site)',
      { utm: {}, clickId: 'gclid', referrerDomain: 'example.com', referrerInternal: true },
      { source: 'google', medium: 'cpc', campaign: null },
    ],
    [
      'unknown click id',
      { utm: {}, clickId: 'xyz', referrerDomain: null, referrerInternal: false },
      { source: '(direct)', medium: '(none)', campaign: null },
    ],
    [
      'search referrer',
      { utm: {}, clickId: null, referrerDomain: 'google.pl', referrerInternal: false },
      { source: 'google', medium: 'organic', campaign: null },
    ],
    [
      'yandex referrer',
      { utm: {}, clickId: null, referrerDomain: 'yandex.kz', referrerInternal: false },
      { source: 'yandex', medium: 'organic', campaign: null },
    ],
    [
      'ya.ru referrer',
      { utm: {}, clickId: null, referrerDomain: 'ya.ru', referrerInternal: false },
      { source: 'yandex', medium: 'organic', campaign: null },
    ],
    [
      'seznam referrer',
      { utm: {}, clickId: null, referrerDomain: 'search.seznam.cz', referrerInternal: false },
      { source: 'seznam', medium: 'organic', campaign: null },
    ],
    [
      'social referrer',
      { utm: {}, clickId: null, referrerDomain: 'm.facebook.com', referrerInternal: false },
      { source: 'facebook', medium: 'social', campaign: null },
    ],
    [
      'telegram referrer',
      { utm: {}, clickId: null, referrerDomain: 'web.telegram.org', referrerInternal: false },
      { source: 'telegram', medium: 'social', campaign: null },
    ],
    [
      'dzen referrer',
      { utm: {}, clickId: null, referrerDomain: 'dzen.ru', referrerInternal: false },
      { source: 'dzen', medium: 'social', campaign: null },
    ],
    [
      'video referrer',
      { utm: {}, clickId: null, referrerDomain: 'youtube.com', referrerInternal: false },
      { source: 'youtube', medium: 'referral', campaign: null },
    ],
    [
      'shopping referrer',
      { utm: {}, clickId: null, referrerDomain: 'allegro.pl', referrerInternal: false },
      { source: 'allegro', medium: 'referral', campaign: null },
    ],
    [
      'webmail referrer',
      { utm: {}, clickId: null, referrerDomain: 'mail.google.com', referrerInternal: false },
      { source: 'mail.google.com', medium: 'email', campaign: null },
    ],
    [
      'other referrer',
      { utm: {}, clickId: null, referrerDomain: 'blog.example.org', referrerInternal: false },
      { source: 'blog.example.org', medium: 'referral', campaign: null },
    ],
    ['internal referrer', { utm: {}, clickId: null, referrerDomain: 'example.com', referrerInternal: true }, none],
    [
      'internal referrer with a campaign-only tag',
      { utm: { campaign: 'footer' }, clickId: null, referrerDomain: 'example.com', referrerInternal: true },
      none,
    ],
    [
      'nothing',
      { utm: {}, clickId: null, referrerDomain: null, referrerInternal: false },
      { source: '(direct)', medium: '(none)', campaign: null },
    ],
    [
      'campaign only',
      { utm: { campaign: 'qr-poster' }, clickId: null, referrerDomain: null, referrerInternal: false },
      { source: '(direct)', medium: '(none)', campaign: 'qr-poster' },
    ],
  ])('%s', (_name, input, expected) => {
    expect(resolveSource(input)).toEqual(expected);
  });
});

describe('socialNetworkOf', () => {
  it.each<[string | null, string | null]>([
    ['facebook', 'facebook'],
    ['fb', 'facebook'],
    ['m.facebook.com', 'facebook'],
    ['l.facebook.com', 'facebook'],
    ['lm.facebook.com', 'facebook'],
    ['Instagram', 'instagram'],
    ['l.instagram.com', 'instagram'],
    ['lnkd.in', 'linkedin'],
    ['twitter', 'x'],
    ['t.co', 'x'],
    ['x.com', 'x'],
    ['vk.com', 'vk'],
    ['m.vk.com', 'vk'],
    ['vk.ru', 'vk'],
    ['ok.ru', 'ok'],
    ['odnoklassniki', 'ok'],
    ['t.me', 'telegram'],
    ['web.telegram.org', 'telegram'],
    ['dzen.ru', 'dzen'],
    ['zen.yandex.ru', 'dzen'],
    ['wykop.pl', 'wykop'],
    ['nk.pl', 'nk'],
    ['threads.net', 'threads'],
    ['wa.me', 'whatsapp'],
    ['google', null],
    ['youtube', null],
    ['newsletter', null],
    ['', null],
    [null, null],
  ])('%s -> %s', (source, expected) => {
    expect(socialNetworkOf(source)).toBe(expected);
  });
});
