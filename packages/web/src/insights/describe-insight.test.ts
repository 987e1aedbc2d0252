import { describe, expect, it } from 'vitest';
import type { Insight } from '../api/insights.ts';
import type { Cell, Unit } from '../api/types.ts';
import { formatValue } from '../format/format-value.ts';
import type { Language } from '../i18n/languages.ts';
import { createTranslator } from '../i18n/translator.ts';
import { describeInsight, type InsightText } from './describe-insight.ts';

/** Plain text to compare: Intl's no-break and narrow spaces as spaces, no bidi marks or isolates. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/[\u200e\u200f\u2068\u2069]/g, '');

function describeIn(language: Language, insight: Insight): InsightText {
  const format = (value: Cell | undefined, unit: Unit, metric?: string) =>
    formatValue(value, unit, { locale: language, currency: 'USD' }, metric);
  const text = describeInsight(insight, createTranslator(language), { locale: language, dir: language === 'ar' ? 'rtl' : 'ltr', format });
  return { headline: plain(text.headline), ...(text.note ? { note: plain(text.note) } : {}), items: text.items.map(plain) };
}

const cacOverall: Insight = {
  kind: 'cac_above_ltv',
  severity: 'critical',
  params: { overall: true, cac: 370, ltv: 50, ratio: 50 / 370, channels: [{ channel: 'Email', cac: 240, ltv: 50, ratio: 50 / 240 }] },
};
const cacTwoChannels: Insight = {
  kind: 'cac_above_ltv',
  severity: 'warning',
  params: {
    overall: false,
    cac: 100,
    ltv: 500,
    ratio: 5,
    channels: [
      { channel: 'Email', cac: 240, ltv: 50, ratio: 50 / 240 },
      { channel: 'Display', cac: 300, ltv: 60, ratio: 0.2 },
    ],
  },
};
const pages = (n: number, sessions: number): Insight => ({
  kind: 'pages_to_optimize',
  severity: 'info',
  params: {
    pages: Array.from({ length: n }, (_, i) => ({ page: `/p${i}`, sessions, bounce_rate: 0.5, view_to_contact_rate: 0.25 })),
  },
});
const rising: Insight = {
  kind: 'rising_cost_per_lead',
  severity: 'warning',
  params: {
    metric: 'cost_per_lead',
    periods: ['2026-01-01', '2026-02-01', '2026-03-01'],
    channels: [{ channel: 'Email', values: [10, 15, 24], rise: 1.4 }],
  },
};
const change: Insight = {
  kind: 'largest_change',
  severity: 'warning',
  params: {
    metric: 'marketing_spend',
    unit: 'money',
    comparison: 'previous',
    value: 370,
    previous: 240,
    changeAs: 'share',
    change: 130 / 240,
    good: false,
  },
};

describe('insights in four languages', () => {
  it.each([
    ['en', 'CAC is $370.00 and LTV only $50.00: each customer costs more to win than it brings.', 'CAC is above LTV on 1 channel:'],
    [
      'pl',
      'CAC wynosi 370,00 USD, a LTV tylko 50,00 USD: pozyskanie każdego klienta kosztuje więcej, niż on przynosi.',
      'CAC przewyższa LTV w 1 kanale:',
    ],
    [
      'ru',
      'CAC составляет 370,00 $, а LTV — лишь 50,00 $: привлечение каждого клиента обходится дороже, чем он приносит.',
      'CAC выше LTV в 1 канале:',
    ],
    [
      'ar',
      'تكلفة اكتساب العميل 370.00 US$ وقيمته الدائمة 50.00 US$ فقط: كل عميل يكلّف اكتسابه أكثر مما يجلبه.',
      'تكلفة الاكتساب أعلى من القيمة الدائمة في قناة واحدة:',
    ],
  ] as const)('CAC above LTV overall, in %s', (language, headline, note) => {
    const text = describeIn(language, cacOverall);
    expect(text.headline).toBe(headline);
    expect(text.note).toBe(note);
    expect(text.items).toHaveLength(1);
    expect(text.items[0]).toMatch(/^Email: CAC /);
  });

  it.each([
    ['en', 'LTV covers CAC overall, but not on 2 channels:'],
    ['pl', 'Ogólnie LTV pokrywa CAC, ale nie w 2 kanałach:'],
    ['ru', 'В целом LTV покрывает CAC, но не в 2 каналах:'],
    ['ar', 'تغطي القيمة الدائمة تكلفة الاكتساب إجمالًا، ولكن ليس في قناتين:'],
  ] as const)('CAC above LTV on two channels only, in %s (the dual in Arabic)', (language, headline) => {
    const text = describeIn(language, cacTwoChannels);
    expect(text.headline).toBe(headline);
    expect(text.note).toBeUndefined();
    expect(text.items.map((item) => item.split(':')[0])).toEqual(['Email', 'Display']);
  });

  it.each([
    ['en', 1, 1, 'High bounce rate and few new contacts: 1 page to optimize first.', '1 session'],
    ['en', 3, 25, 'High bounce rate and few new contacts: 3 pages to optimize first.', '25 sessions'],
    ['pl', 3, 22, 'Wysoki współczynnik odrzuceń i mało nowych kontaktów: 3 strony do optymalizacji w pierwszej kolejności.', '22 sesje'],
    ['pl', 5, 25, 'Wysoki współczynnik odrzuceń i mało nowych kontaktów: 5 stron do optymalizacji w pierwszej kolejności.', '25 sesji'],
    ['ru', 1, 21, 'Высокий показатель отказов и мало новых контактов: 1 страница для первоочередной оптимизации.', '21 сеанс'],
    ['ru', 5, 24, 'Высокий показатель отказов и мало новых контактов: 5 страниц для первоочередной оптимизации.', '24 сеанса'],
    ['ar', 2, 2, 'معدل ارتداد مرتفع وقلة في جهات الاتصال الجديدة: صفحتان يجب تحسينهما أولًا.', 'جلستان'],
    ['ar', 4, 11, 'معدل ارتداد مرتفع وقلة في جهات الاتصال الجديدة: 4 صفحات يجب تحسينها أولًا.', '11 جلسة'],
  ] as const)('pages to optimize in %s: %i pages of %i sessions', (language, n, sessions, headline, sessionText) => {
    const text = describeIn(language, pages(n, sessions));
    expect(text.headline).toBe(headline);
    expect(text.items).toHaveLength(n);
    expect(text.items[0]?.startsWith('/p0: ')).toBe(true);
    expect(text.items[0]?.endsWith(sessionText)).toBe(true);
  });

  it.each([
    ['en', 'Email: $10.00 → $15.00 → $24.00 (+140%)'],
    ['pl', 'Email: 10,00 USD → 15,00 USD → 24,00 USD (+140%)'],
    ['ru', 'Email: 10,00 $ → 15,00 $ → 24,00 $ (+140 %)'],
    // Oldest first in the reading direction: the arrows point right to left.
    ['ar', 'Email: 10.00 US$ ← 15.00 US$ ← 24.00 US$ (+140%)'],
  ] as const)('rising cost per lead in %s', (language, item) => {
    const text = describeIn(language, rising);
    expect(text.items).toEqual([item]);
  });

  it('names the months of a rising cost per lead in the language', () => {
    expect(describeIn('en', rising).headline).toBe('Cost per lead rose month on month on 1 channel, Jan 2026 – Mar 2026:');
    expect(describeIn('pl', rising).headline).toBe('Koszt leada rósł z miesiąca na miesiąc w 1 kanale, sty 2026 – mar 2026:');
  });

  it.each([
    ['en', 'Marketing spend: +54.2% vs the previous period', '$370.00 against $240.00 in the previous period. Bad news.'],
    [
      'pl',
      'Wydatki na marketing: +54,2% względem poprzedniego okresu',
      '370,00 USD wobec 240,00 USD w poprzednim okresie. To zła wiadomość.',
    ],
    [
      'ru',
      'Расходы на маркетинг: +54,2 % относительно предыдущего периода',
      '370,00 $ против 240,00 $ в предыдущем периоде. Это плохая новость.',
    ],
    ['ar', 'الإنفاق التسويقي: +54.2% مقارنة بالفترة السابقة', '370.00 US$ مقابل 240.00 US$ في الفترة السابقة. هذا خبر سيئ.'],
  ] as const)('the largest change in %s', (language, headline, note) => {
    expect(describeIn(language, change)).toEqual({ headline, note, items: [] });
  });

  it('says nothing of good or bad news for a KPI without a direction', () => {
    const neutral: Insight = {
      ...change,
      params: { ...change.params, metric: 'sessions', unit: 'count', value: 120, previous: 100, change: 0.2, good: null },
    };
    expect(describeIn('en', neutral).note).toBe('120 against 100 in the previous period.');
  });

  it.each([
    ['en', 'Leads: -45% vs the same period last year', '22 against 40 in the same period last year. Bad news.'],
    ['pl', 'Leady: -45% względem tego samego okresu rok temu', '22 wobec 40 w tym samym okresie rok temu. To zła wiadomość.'],
    ['ru', 'Лиды: -45 % относительно того же периода прошлого года', '22 против 40 в том же периоде прошлого года. Это плохая новость.'],
    ['ar', 'العملاء المحتملون: -45% مقارنة بالفترة نفسها من العام الماضي', '22 مقابل 40 في الفترة نفسها من العام الماضي. هذا خبر سيئ.'],
  ] as const)('a change vs last year in %s', (language, headline, note) => {
    const yearly: Insight = {
      ...change,
      params: { ...change.params, metric: 'leads', unit: 'count', comparison: 'year', value: 22, previous: 40, change: -0.45 },
    };
    expect(describeIn(language, yearly)).toEqual({ headline, note, items: [] });
  });

  it.each([
    ['en', 'NPS: +50 pts vs the previous period'],
    ['pl', 'NPS: +50 pkt względem poprzedniego okresu'],
    ['ru', 'NPS: +50 п. относительно предыдущего периода'],
    ['ar', 'صافي نقاط الترويج: +50 نقطة مقارنة بالفترة السابقة'],
  ] as const)('a score moves in points, not as a share, in %s', (language, headline) => {
    const nps: Insight = {
      ...change,
      params: { ...change.params, metric: 'nps', unit: 'score', value: 50, previous: 0, changeAs: 'points', change: 50, good: true },
    };
    expect(describeIn(language, nps).headline).toBe(headline);
  });
});
