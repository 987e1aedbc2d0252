import type { SPEND_CATEGORIES } from '@northstar/core';
import { type DemoWindow, daysInMonth, isoDay, monthStartDay, seasonality, trend, weekday } from './calendar.ts';
import { campaignOnDay, PAID_CAMPAIGNS, type PaidCampaign } from './campaigns.ts';
import type { FxModel } from './fx.ts';
import type { MarketingEvent } from './marketing-events.ts';
import type { Rng } from './prng.ts';
import { type DemoSink, inputRow } from './sink.ts';

/** Traffic a paid campaign bought on one day. */
export interface PaidTraffic {
  campaign: PaidCampaign;
  utmCampaign: string;
  sessions: number;
}

/** A recurring monthly cost at scale 1, in its invoice currency. */
interface MonthlyCost {
  channel: string;
  category: (typeof SPEND_CATEGORIES)[number];
  department: 'marketing' | 'sales';
  program: 'digital' | 'outbound';
  vendor: string;
  currency: string;
  amount: number;
  /** Grows with the company (partner commissions, email volume). */
  grows?: boolean;
}

const MONTHLY_COSTS: readonly MonthlyCost[] = [
  { channel: '', category: 'people', department: 'marketing', program: 'digital', vendor: 'payroll', currency: 'PLN', amount: 62000 },
  {
    channel: 'Organic Search',
    category: 'content',
    department: 'marketing',
    program: 'digital',
    vendor: 'agency Słowo i Treść',
    currency: 'PLN',
    amount: 14000,
  },
  {
    channel: 'Organic Search',
    category: 'other',
    department: 'marketing',
    program: 'digital',
    vendor: 'agency SeoLab',
    currency: 'EUR',
    amount: 1800,
  },
  {
    channel: 'Organic Social',
    category: 'content',
    department: 'marketing',
    program: 'digital',
    vendor: 'agency Social Dunes',
    currency: 'USD',
    amount: 2500,
  },
  {
    channel: 'Email',
    category: 'software',
    department: 'marketing',
    program: 'digital',
    vendor: 'Mailchimp',
    currency: 'USD',
    amount: 450,
    grows: true,
  },
  { channel: '', category: 'software', department: 'marketing', program: 'digital', vendor: 'Semrush', currency: 'USD', amount: 250 },
  { channel: '', category: 'software', department: 'marketing', program: 'digital', vendor: 'Zoom Webinars', currency: 'USD', amount: 140 },
  {
    channel: '',
    category: 'overhead',
    department: 'marketing',
    program: 'digital',
    vendor: 'office Warsaw',
    currency: 'PLN',
    amount: 9000,
  },
  {
    channel: 'Referral',
    category: 'other',
    department: 'marketing',
    program: 'digital',
    vendor: 'partner program',
    currency: 'EUR',
    amount: 900,
    grows: true,
  },
  { channel: '', category: 'people', department: 'sales', program: 'digital', vendor: 'payroll', currency: 'PLN', amount: 96000 },
  {
    channel: '',
    category: 'software',
    department: 'sales',
    program: 'digital',
    vendor: 'Twilio',
    currency: 'USD',
    amount: 380,
    grows: true,
  },
  { channel: '', category: 'overhead', department: 'sales', program: 'digital', vendor: 'office Warsaw', currency: 'PLN', amount: 12000 },
  { channel: '', category: 'people', department: 'sales', program: 'outbound', vendor: 'payroll', currency: 'PLN', amount: 38000 },
  { channel: '', category: 'distribution', department: 'sales', program: 'outbound', vendor: 'Lemlist', currency: 'EUR', amount: 320 },
  {
    channel: '',
    category: 'distribution',
    department: 'sales',
    program: 'outbound',
    vendor: 'LinkedIn Sales Navigator',
    currency: 'USD',
    amount: 900,
  },
  { channel: '', category: 'advertising', department: 'sales', program: 'outbound', vendor: 'LinkedIn Ads', currency: 'USD', amount: 1200 },
  { channel: '', category: 'overhead', department: 'sales', program: 'outbound', vendor: 'office Dubai', currency: 'USD', amount: 2600 },
];

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Spend: paid campaigns day by day (their spend buys the clicks the website receives), monthly
 * people, software, agency and overhead costs, conference costs, and a budget per month whose
 * plan the actuals stay within ±20 % of.
 */
export class Spend {
  /** Actual spend in USD by month|channel|department, for the budget: day-by-day spend and full-month costs. */
  private readonly actualUsd = new Map<string, { daily: number; monthly: number }>();

  constructor(
    private readonly rng: Rng,
    private readonly window: DemoWindow,
    private readonly scale: number,
    private readonly fx: FxModel,
    private readonly sink: DemoSink,
  ) {}

  /** The day's paid campaigns: spend rows written, sessions returned for the website. */
  paidDay(day: number): PaidTraffic[] {
    const traffic: PaidTraffic[] = [];
    const weekend = weekday(day) === 0 || weekday(day) === 6;
    // Budgets follow demand, grow slower than traffic, and deliver less at weekends.
    const shape = seasonality(day) ** 0.8 * trend(this.window, day) ** 0.6 * (weekend ? 0.7 : 1);
    for (const campaign of PAID_CAMPAIGNS) {
      const utmCampaign = campaignOnDay(campaign, day);
      if (utmCampaign === undefined) continue;
      const usd = campaign.dailyUsd * this.scale * shape * this.rng.noise(0.12);
      const clicks = usd / (campaign.cpc * this.rng.noise(0.1));
      traffic.push({ campaign, utmCampaign, sessions: this.rng.poisson(clicks * 0.93) });
      this.write(day, usd, campaign.currency, {
        channel: campaign.channel,
        campaign: utmCampaign,
        category: 'advertising',
        department: 'marketing',
        program: 'digital',
        vendor: campaign.vendor,
      });
    }
    return traffic;
  }

  /** Monthly costs, booked on the 1st (on the window's first day for the first, partial month). */
  monthlyCosts(): void {
    for (let month = monthStartDay(this.window.startDay); month <= this.window.endDay; month = monthStartDay(month + 32)) {
      const day = Math.max(month, this.window.startDay);
      const covered = (month + daysInMonth(month) - day) / daysInMonth(month);
      // A new account executive joins half way through the year.
      const hired = day - this.window.startDay > 180 ? 1.15 : 1;
      for (const cost of MONTHLY_COSTS) {
        const growth = cost.grows ? trend(this.window, day) : 1;
        const raise = cost.category === 'people' && cost.department === 'sales' && cost.program === 'digital' ? hired : 1;
        const amount = cost.amount * covered * growth * raise * this.scale * this.rng.noise(0.04);
        this.write(day, amount * this.fx.usdPer(cost.currency, day), cost.currency, cost, true);
      }
    }
  }

  /** Booth, travel and sponsorship of conferences, on the conference day. */
  eventCosts(events: readonly MarketingEvent[]): void {
    for (const event of events) {
      if (event.costUsd <= 0) continue;
      this.write(
        event.day,
        event.costUsd,
        'EUR',
        {
          channel: '',
          campaign: event.id,
          category: 'events',
          department: 'marketing',
          program: 'digital',
          vendor: event.name,
        },
        true,
      );
    }
  }

  /**
   * Plans per month, channel and department, with actuals within ±18 % of plan. The current month
   * is planned for the whole month (actuals are month to date); the window's first, partial month
   * for the part of it the data covers.
   */
  budget(): void {
    const currentMonth = monthStartDay(this.window.endDay);
    for (const [key, usd] of this.actualUsd) {
      const [monthText, channel, department] = key.split('|') as [string, string, string];
      const month = Number(monthText);
      const elapsed = this.window.endDay - month + 1;
      const projected = month === currentMonth ? (usd.daily * daysInMonth(month)) / elapsed + usd.monthly : usd.daily + usd.monthly;
      const plan = projected / (1 + this.rng.between(-0.18, 0.18));
      this.sink.add('budget', inputRow('budget', { month: isoDay(month), amount: round2(plan), currency: 'USD', channel, department }));
    }
  }

  private write(
    day: number,
    usd: number,
    currency: string,
    tags: Pick<MonthlyCost, 'channel' | 'category' | 'department' | 'program' | 'vendor'> & { campaign?: string },
    /** Costs booked once a month (or once), as opposed to day-by-day spend. */
    booked = false,
  ): void {
    const amount = round2(this.fx.fromUsd(usd, currency, day));
    if (amount <= 0) return;
    this.sink.add(
      'spend',
      inputRow('spend', {
        date: isoDay(day),
        amount,
        currency,
        channel: tags.channel,
        campaign: tags.campaign ?? '',
        category: tags.category,
        department: tags.department,
        program: tags.program,
        vendor: tags.vendor,
      }),
    );
    const key = `${monthStartDay(day)}|${tags.channel}|${tags.department}`;
    const actual = this.actualUsd.get(key) ?? { daily: 0, monthly: 0 };
    if (!booked) actual.daily += usd;
    else actual.monthly += usd;
    this.actualUsd.set(key, actual);
  }
}
