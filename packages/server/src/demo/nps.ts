import type { ParsedRow } from '@northstar/core';
import { DAY_MS, type DemoWindow } from './calendar.ts';
import type { Language } from './company.ts';
import type { Customer } from './crm.ts';
import { type Rng, Weighted } from './prng.ts';

/** Scores of customers who stay: skewed positive, as in most B2B SaaS surveys. */
const HAPPY = new Weighted(
  [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((s, i) => [s, [28, 25, 17, 10, 6, 4, 3, 2, 2, 1.5, 1.5][i] as number] as const),
);
/** Scores of customers who churn within a few months of answering. */
const UNHAPPY = new Weighted(
  [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((s, i) => [s, [4, 6, 10, 14, 16, 14, 11, 9, 7, 5, 4][i] as number] as const),
);

type Mood = 'promoter' | 'passive' | 'detractor';

const COMMENTS: Record<Language, Record<Mood, readonly string[]>> = {
  en: {
    promoter: [
      'Great product, the pipeline view saves us hours every week.',
      'Support is fast and helpful.',
      'Easy to set up, our team adopted it in a week.',
    ],
    passive: [
      'Good overall, reporting could be more flexible.',
      'Does the job. The mobile app needs work.',
      'Fine, but pricing per seat adds up.',
    ],
    detractor: ['Too many bugs in the email sync.', 'Missing integrations we need.', 'Hard to get a response from support.'],
  },
  pl: {
    promoter: [
      'Świetne narzędzie, lejek sprzedaży w końcu jest przejrzysty.',
      'Bardzo dobry support, szybka odpowiedź.',
      'Polecam, wdrożenie zajęło tydzień.',
    ],
    passive: [
      'Ogólnie dobrze, ale raporty mogłyby być bardziej elastyczne.',
      'Aplikacja mobilna wymaga poprawek.',
      'W porządku, choć cena za użytkownika rośnie.',
    ],
    detractor: [
      'Za dużo błędów w synchronizacji poczty.',
      'Brakuje integracji z naszym ERP.',
      'Trudno doczekać się odpowiedzi z supportu.',
    ],
  },
  ru: {
    promoter: [
      'Отличный продукт, воронка продаж стала прозрачной.',
      'Поддержка отвечает быстро и по делу.',
      'Внедрили за неделю, команда довольна.',
    ],
    passive: [
      'В целом хорошо, но отчёты хотелось бы гибче.',
      'Мобильное приложение пока слабое.',
      'Нормально, но цена за пользователя кусается.',
    ],
    detractor: ['Много ошибок в синхронизации почты.', 'Не хватает интеграции с 1С.', 'Поддержка отвечает слишком долго.'],
  },
  ar: {
    promoter: ['منتج رائع، أصبح مسار المبيعات واضحاً.', 'الدعم الفني سريع ومفيد.', 'سهل الإعداد، وتبناه فريقنا خلال أسبوع.'],
    passive: [
      'جيد بشكل عام، لكن التقارير تحتاج إلى مرونة أكثر.',
      'التطبيق على الجوال يحتاج إلى تحسين.',
      'مقبول، لكن السعر لكل مستخدم مرتفع.',
    ],
    detractor: ['أخطاء كثيرة في مزامنة البريد الإلكتروني.', 'تنقصنا تكاملات مهمة.', 'من الصعب الحصول على رد من الدعم.'],
  },
};

const SURVEY_EVERY_DAYS = 90;
const RESPONSE_RATE = 0.4;

/**
 * NPS answers: customers are surveyed a month after they start and then every quarter while they
 * stay; those about to churn answer lower. Comments follow the customer's language.
 */
export function* npsRows(rng: Rng, window: DemoWindow, customers: readonly Customer[]): Generator<ParsedRow> {
  let seq = 0;
  for (const customer of customers) {
    const stop = Math.min(window.endMs, customer.churnedAt ?? Number.POSITIVE_INFINITY);
    for (let at = customer.since + 30 * DAY_MS; at < stop; at += SURVEY_EVERY_DAYS * DAY_MS) {
      if (at < window.startMs || !rng.chance(RESPONSE_RATE)) continue;
      const leavingSoon = customer.churnedAt !== null && customer.churnedAt - at < 120 * DAY_MS;
      const score = (leavingSoon ? UNHAPPY : HAPPY).pick(rng);
      const mood: Mood = score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
      const answeredAt = Math.round(at + rng.between(0, 5) * DAY_MS);
      if (answeredAt > window.endMs) continue;
      yield {
        response_id: `nps-${String(++seq).padStart(5, '0')}`,
        timestamp: answeredAt,
        score,
        contact_id: customer.contactId,
        comment: rng.chance(0.6) ? rng.pick(COMMENTS[customer.country.language][mood]) : null,
      };
    }
  }
}
