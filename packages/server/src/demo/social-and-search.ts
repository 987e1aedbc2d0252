import type { ParsedRow } from '@northstar/core';
import { type DemoWindow, isoDay, seasonality, weekday } from './calendar.ts';
import { SITE_ORIGIN } from './company.ts';
import type { Rng } from './prng.ts';

/** Social accounts: followers at the window's start (scale 1), daily growth, reach and engagement. */
const NETWORKS = [
  { network: 'linkedin', followers: 8200, growth: 0.0012, reach: 0.35, engagement: 0.025 },
  { network: 'facebook', followers: 12500, growth: 0.0002, reach: 0.12, engagement: 0.018 },
  { network: 'instagram', followers: 6800, growth: 0.0009, reach: 0.25, engagement: 0.035 },
  { network: 'vk', followers: 9400, growth: 0.0006, reach: 0.2, engagement: 0.02 },
  { network: 'telegram', followers: 4300, growth: 0.0015, reach: 0.55, engagement: 0.012 },
  { network: 'x', followers: 2900, growth: 0.0001, reach: 0.15, engagement: 0.01 },
  { network: 'youtube', followers: 1800, growth: 0.0011, reach: 0.9, engagement: 0.03 },
  { network: 'tiktok', followers: 1200, growth: 0.004, reach: 2.5, engagement: 0.05 },
] as const;

/** Posts go out on Monday, Wednesday and Thursday; reach falls off on the other days. */
const POSTING = [0.4, 1.7, 0.7, 1.6, 1.5, 0.8, 0.4];

/** A daily snapshot per network: followers growing (faster on TikTok and LinkedIn), activity that day. */
export function* socialRows(rng: Rng, window: DemoWindow, scale: number): Generator<ParsedRow> {
  for (const account of NETWORKS) {
    let followers = account.followers * scale;
    for (let day = window.startDay; day <= window.endDay; day++) {
      const activity = POSTING[weekday(day)] as number;
      const gained = followers * account.growth * seasonality(day) * activity * rng.noise(0.5) + rng.normal() * 0.0003 * followers;
      followers = Math.max(0, followers + gained);
      const impressions = Math.round(followers * account.reach * activity * rng.noise(0.3));
      const engaged = impressions * account.engagement * rng.noise(0.25);
      yield {
        date: isoDay(day),
        network: account.network,
        followers: Math.round(followers),
        impressions,
        likes: Math.round(engaged * 0.72),
        shares: Math.round(engaged * 0.12),
        comments: Math.round(engaged * 0.09),
        messages: rng.poisson(followers * 0.0004 * activity),
        mentions: rng.poisson(followers * 0.0003 * activity),
      };
    }
  }
}

/** Tracked search phrases: monthly search volume, the ranking page, start and target positions. */
const KEYWORDS: ReadonlyArray<readonly [keyword: string, volume: number, path: string, start: number, target: number]> = [
  ['crm dla małej firmy', 2900, '/blog/crm-dla-malej-firmy', 14, 4],
  ['system crm', 6600, '/', 28, 15],
  ['program crm', 4400, '/', 22, 11],
  ['crm online', 3600, '/pricing', 18, 9],
  ['lejek sprzedażowy', 1900, '/blog/lejek-sprzedazowy', 6, 3],
  ['jak liczyć roi', 1300, '/blog/jak-liczyc-roi-z-marketingu', 9, 4],
  ['automatyzacja sprzedaży', 880, '/blog/automatyzacja-sprzedazy', 12, 6],
  ['vistula cloud', 700, '/', 1.2, 1],
  ['crm система', 9900, '/', 35, 19],
  ['crm для малого бизнеса', 5400, '/blog/crm-dlya-malogo-biznesa', 16, 7],
  ['сквозная аналитика', 4400, '/blog/skvoznaya-analitika-dlya-b2b', 11, 5],
  ['kpi отдела продаж', 2400, '/blog/kpi-otdela-prodazh', 7, 3],
  ['воронка продаж b2b', 1600, '/blog/b2b-sales-funnel-stages', 19, 10],
  ['телефония для crm', 720, '/features/telephony', 24, 12],
  ['نظام crm', 2900, '/', 31, 14],
  ['برنامج إدارة العملاء', 1600, '/features/pipeline', 26, 12],
  ['واتساب للأعمال crm', 880, '/features/whatsapp', 12, 4],
  ['مؤشرات الأداء التسويقية', 590, '/blog/ltv-cac-ratio', 21, 9],
  ['how to calculate cac', 5400, '/blog/how-to-calculate-cac', 8, 4],
  ['mql vs sql', 2900, '/blog/mql-vs-sql', 5, 3],
  ['lead scoring', 8100, '/blog/lead-scoring-guide', 23, 12],
  ['ltv cac ratio', 3600, '/blog/ltv-cac-ratio', 11, 6],
  ['whatsapp crm', 6600, '/features/whatsapp', 17, 8],
  ['b2b sales funnel', 2400, '/blog/b2b-sales-funnel-stages', 13, 7],
  ['pipedrive alternative', 1900, '/pricing', 29, 16],
  ['nps survey questions', 3600, '/blog/nps-survey-questions', 9, 6],
  ['marketing budget template', 4400, '/blog/marketing-budget-template', 15, 8],
  ['utm parameters', 12100, '/blog/utm-parameters-guide', 34, 21],
  ['cold email templates', 9900, '/blog/cold-email-templates', 27, 18],
  ['sales forecasting', 6600, '/blog/sales-forecasting', 41, 26],
];

/** Click-through rate by position: most clicks go to the first few results. */
function clickThrough(position: number): number {
  if (position < 1.5) return 0.28;
  if (position <= 10) return 0.2 / position;
  if (position <= 20) return 0.006;
  return 0.002;
}

/** Share of searches in which the page is shown at all (page 3 and beyond is rarely seen). */
function visibility(position: number): number {
  if (position <= 10) return 1;
  if (position <= 20) return 0.35;
  if (position <= 30) return 0.08;
  return 0.02;
}

/** Weekly rankings (each Monday): positions drift toward a slowly improving target. */
export function* keywordRows(rng: Rng, window: DemoWindow, scale: number): Generator<ParsedRow> {
  let firstMonday = window.startDay;
  while (weekday(firstMonday) !== 1) firstMonday++;
  for (const [keyword, volume, path, start, target] of KEYWORDS) {
    let position = start;
    for (let day = firstMonday; day <= window.endDay; day += 7) {
      const progress = (day - window.startDay) / window.days;
      const aim = start + (target - start) * progress;
      position = Math.max(1, position + (aim - position) * 0.3 + rng.normal() * Math.max(0.3, position * 0.08));
      const searches = (volume / 4.345) * seasonality(day) * scale * rng.noise(0.15);
      const impressions = Math.round(searches * visibility(position));
      yield {
        date: isoDay(day),
        keyword,
        position: Math.round(position * 10) / 10,
        url: SITE_ORIGIN + path,
        clicks: Math.round(impressions * clickThrough(position)),
        impressions,
      };
    }
  }
}
