import type { ParsedRow } from '@northstar/core';
import { type DemoWindow, isoDay, monthOf, monthStartDay, weekday } from './calendar.ts';
import type { Rng } from './prng.ts';

/** Webinars (one or two a month, rotating languages) and a few conferences with a booth. */
export interface MarketingEvent {
  id: string;
  name: string;
  day: number;
  channel: 'webinar' | 'conference';
  registrations: number;
  attendees: number;
  /** Booth, travel and sponsorship in USD (conferences). */
  costUsd: number;
}

const WEBINARS = [
  'Webinar: KPI marketingu B2B, które naprawdę mają znaczenie',
  'Вебинар: сквозная аналитика для отдела продаж',
  'ندوة عبر الإنترنت: إدارة المبيعات عبر واتساب',
  'Webinar: From MQL to SQL — fixing the handover',
  'Webinar: Jak zbudować lejek sprzedażowy w 30 dni',
  'Вебинар: как снизить стоимость лида в 2 раза',
  'ندوة: مؤشرات الأداء الرئيسية للتسويق',
  'Webinar: Forecasting revenue with your CRM',
  'Webinar: Automatyzacja follow-upów w praktyce',
  'Вебинар: CRM для малого бизнеса — разбор кейсов',
  'ندوة: أتمتة المبيعات للشركات الناشئة في الخليج',
  'Webinar: LTV, CAC and payback for SaaS founders',
];

/** Conferences by month of year, with the city they happen in. */
const CONFERENCES: ReadonlyArray<readonly [month: number, date: number, name: string]> = [
  [2, 18, 'Gulf SaaS Expo Dubai'],
  [5, 21, 'Almaty Digital Forum'],
  [10, 8, 'Warsaw Marketing Summit'],
  [11, 13, 'Riyadh Sales Leaders Conference'],
];

const round = (value: number) => Math.max(1, Math.round(value));

/** Events in the window up to today (events still to come are not in the data yet). */
export function scheduleMarketingEvents(rng: Rng, window: DemoWindow, scale: number): MarketingEvent[] {
  const events: MarketingEvent[] = [];
  let webinarIndex = 0;
  for (let month = monthStartDay(window.startDay); month <= window.endDay; month = monthStartDay(month + 32)) {
    const { year, month: m } = monthOf(month);
    const count = m === 7 || m === 8 ? 1 : rng.chance(0.55) ? 2 : 1;
    for (let k = 0; k < count; k++) {
      // Tuesdays to Thursdays, in the second and fourth weeks.
      let day = month + 7 + k * 14 + rng.int(3);
      while (weekday(day) < 2 || weekday(day) > 4) day++;
      const registrations = round(rng.between(70, 240) * scale);
      events.push({
        id: `web-${isoDay(day)}`,
        name: WEBINARS[webinarIndex++ % WEBINARS.length] as string,
        day,
        channel: 'webinar',
        registrations,
        attendees: Math.round(registrations * rng.between(0.35, 0.55)),
        costUsd: 0,
      });
    }
    for (const [cm, date, name] of CONFERENCES) {
      if (cm !== m) continue;
      const day = Date.UTC(year, m - 1, date) / 86_400_000;
      const registrations = round(rng.between(220, 600) * scale);
      events.push({
        id: `conf-${isoDay(day)}`,
        name: `${name} ${year}`,
        day,
        channel: 'conference',
        registrations,
        attendees: Math.round(registrations * rng.between(0.4, 0.55)),
        costUsd: rng.between(6000, 14000) * scale,
      });
    }
  }
  return events.filter((e) => e.day >= window.startDay && e.day < window.endDay).sort((a, b) => a.day - b.day);
}

export function marketingEventRow(event: MarketingEvent): ParsedRow {
  return {
    marketing_event_id: event.id,
    name: event.name,
    date: isoDay(event.day),
    registrations: event.registrations,
    attendees: event.attendees,
    channel: event.channel,
  };
}
