import { type Arrival, CHANNEL_PROFILES, emailArrival, paidArrival, UNPAID_MIX, unpaidArrival } from './arrivals.ts';
import { DAY_MS, type DemoWindow, holidayFactor, seasonality, trend, visitTime, weekday, weekdayFactor } from './calendar.ts';
import { COUNTRIES, type Country, countryOf } from './company.ts';
import type { Crm } from './crm.ts';
import type { MarketingEvent } from './marketing-events.ts';
import { type Rng, Weighted } from './prng.ts';
import { type Purchase, type Visitor, writeSession } from './session-events.ts';
import type { DemoSink } from './sink.ts';
import { LANDINGS } from './site-pages.ts';
import type { PaidTraffic } from './spend.ts';
import { type Device, pickUserAgent } from './user-agents.ts';

/** Unpaid sessions per day at scale 1 before weekday, season and growth (≈ 1M events a year in all). */
const UNPAID_SESSIONS_PER_DAY = 430;
/** Newsletter subscribers at the start of the window at scale 1 (contacts join them as they come). */
const SUBSCRIBERS = 1500;
/** Newsletter clicks spread over the days after a send. */
const SEND_DECAY = [0.6, 0.22, 0.12, 0.06];
const RETARGETING = new Set(['meta-retargeting', 'gdn-remarketing']);
const PURCHASE_LANDING = '/pricing';

interface Scheduled {
  visitor: Visitor;
  at: number;
  purchase: Purchase;
}

/**
 * The website's traffic, one day at a time: visitors (new and returning), how they arrive, and
 * their sessions. Sessions that convert create leads in the CRM.
 */
export class WebTraffic {
  private visitorSeq = 0;
  private readonly ids = { session: 0, event: 0 };
  private readonly recent: Visitor[] = [];
  private recentHead = 0;
  private readonly recentCapacity: number;
  /** Visitors identified as contacts: the audience of emails, alongside subscribers. */
  private readonly identified: Visitor[] = [];
  private readonly subscribers: Visitor[] = [];
  private readonly scheduled = new Map<number, Scheduled[]>();
  private readonly leadsByDay = new Map<number, number>();
  private readonly countryShares = new Weighted(COUNTRIES.map((c) => [c, c.share] as const));
  private readonly viralDays: Set<number>;
  private readonly experimentStart: number;

  constructor(
    private readonly rng: Rng,
    private readonly window: DemoWindow,
    private readonly scale: number,
    private readonly crm: Crm,
    private readonly sink: DemoSink,
    private readonly events: readonly MarketingEvent[],
  ) {
    this.recentCapacity = Math.max(300, Math.round(40_000 * scale));
    // A few days when a post goes viral on social networks.
    this.viralDays = new Set(Array.from({ length: 4 }, () => window.startDay + 20 + rng.int(window.days - 40)));
    // The A/B test of the trial landing page runs for the last 120 days.
    this.experimentStart = window.endMs - 120 * DAY_MS;
  }

  generateDay(day: number, paid: readonly PaidTraffic[]): void {
    const dow = weekday(day);
    const demand = seasonality(day) * trend(this.window, day) * this.rng.noise(0.07);
    for (const country of COUNTRIES) {
      const working = weekdayFactor(country.weekend, dow) > 0.6;
      const mean =
        UNPAID_SESSIONS_PER_DAY *
        this.scale *
        (country.share / 100) *
        weekdayFactor(country.weekend, dow) *
        holidayFactor(country.code, day) *
        demand;
      const count = this.rng.poisson(mean * this.rng.noise(0.05));
      for (let i = 0; i < count; i++) {
        this.unpaidSession(day, country, working, UNPAID_MIX.pick(this.rng));
      }
      if (this.viralDays.has(day) || this.viralDays.has(day - 1)) {
        const extra = this.rng.poisson(mean * (this.viralDays.has(day) ? 0.3 : 0.1));
        for (let i = 0; i < extra; i++) this.unpaidSession(day, country, working, 'social');
      }
    }
    for (const traffic of paid) {
      for (let i = 0; i < traffic.sessions; i++) this.paidSession(day, traffic);
    }
    this.emailSessions(day);
    for (const visit of this.scheduled.get(day) ?? []) {
      const email = this.rng.chance(0.6);
      const arrival = email
        ? emailArrival(this.rng, 'lifecycle', 'trial-ending', PURCHASE_LANDING)
        : {
            kind: 'direct' as const,
            landing: PURCHASE_LANDING,
            query: '',
            referrer: null,
            source: '(direct)',
            medium: '(none)',
            campaign: null,
          };
      this.session(visit.visitor, arrival, visit.at, visit.purchase);
    }
    this.scheduled.delete(day);
  }

  private unpaidSession(day: number, country: Country, working: boolean, kind: 'search' | 'direct' | 'social' | 'referral'): void {
    const profile = CHANNEL_PROFILES[kind];
    const visitor = this.rng.chance(profile.returning) ? this.returningVisitor() : undefined;
    const home = visitor?.country ?? country;
    const who = visitor ?? this.newVisitor(home, profile.devices.pick(this.rng));
    const arrival = unpaidArrival(this.rng, kind, home, who.device !== 'desktop');
    this.session(who, arrival, visitTime(this.rng, day, home.utcOffset, working));
  }

  private paidSession(day: number, traffic: PaidTraffic): void {
    const { campaign } = traffic;
    const retargeting = RETARGETING.has(campaign.name) || campaign.name.startsWith('black-friday');
    const returning = this.rng.chance(retargeting ? 0.8 : CHANNEL_PROFILES[campaign.channel].returning);
    const visitor = returning ? this.returningVisitor() : undefined;
    const country = visitor?.country ?? countryOf(campaign.countries.pick(this.rng));
    const who = visitor ?? this.newVisitor(country, CHANNEL_PROFILES[campaign.channel].devices.pick(this.rng));
    const arrival = paidArrival(this.rng, campaign, traffic.utmCampaign, country, who.device !== 'desktop');
    this.session(who, arrival, visitTime(this.rng, day, country.utcOffset, weekdayFactor(country.weekend, weekday(day)) > 0.6));
  }

  /** Newsletters on the first Tuesday of a month, webinar invitations, trial nurture emails. */
  private emailSessions(day: number): void {
    const audience = SUBSCRIBERS * this.scale * trend(this.window, day) + this.identified.length;
    const sends: Array<{ clicks: number; source: string; campaign: string; landing: string | typeof LANDINGS.email }> = [];
    for (let k = 0; k < SEND_DECAY.length; k++) {
      const sent = day - k;
      const date = new Date(sent * DAY_MS);
      if (weekday(sent) === 2 && date.getUTCDate() <= 7) {
        const campaign = `newsletter-${date.toISOString().slice(0, 7)}`;
        sends.push({ clicks: audience * 0.045 * (SEND_DECAY[k] as number), source: 'newsletter', campaign, landing: LANDINGS.email });
      }
      for (const event of this.events) {
        if (event.channel !== 'webinar' || (event.day - 7 !== sent && event.day - 1 !== sent)) continue;
        const clicks = audience * 0.02 * (SEND_DECAY[k] as number);
        sends.push({ clicks, source: 'newsletter', campaign: `webinar-invite-${event.id}`, landing: '/webinars' });
      }
    }
    let recentLeads = 0;
    for (let k = 1; k <= 14; k++) recentLeads += this.leadsByDay.get(day - k) ?? 0;
    sends.push({ clicks: recentLeads * 0.03, source: 'lifecycle', campaign: 'trial-nurture', landing: LANDINGS.email });

    for (const send of sends) {
      const count = this.rng.poisson(send.clicks);
      for (let i = 0; i < count; i++) {
        const visitor = this.emailRecipient(audience);
        const arrival = emailArrival(this.rng, send.source, send.campaign, send.landing);
        this.session(visitor, arrival, visitTime(this.rng, day, visitor.country.utcOffset, weekday(day) % 6 !== 0));
      }
    }
  }

  private emailRecipient(audience: number): Visitor {
    if (this.identified.length > 0 && this.rng.chance(this.identified.length / audience)) return this.rng.pick(this.identified);
    const target = Math.max(1, Math.round(audience - this.identified.length));
    if (this.subscribers.length < target && this.rng.chance(0.5)) {
      const visitor = this.newVisitor(this.countryShares.pick(this.rng), CHANNEL_PROFILES.email.devices.pick(this.rng), false);
      this.subscribers.push(visitor);
      return visitor;
    }
    return this.subscribers.length > 0 ? this.rng.pick(this.subscribers) : this.newVisitor(this.countryShares.pick(this.rng), 'desktop');
  }

  private session(visitor: Visitor, arrival: Arrival, at: number, purchase?: Purchase): void {
    // A visitor's sessions never overlap: the next one starts after 30 minutes of quiet.
    const start = Math.max(at, visitor.lastEnd + 31 * 60_000 + this.rng.int(3_600_000));
    if (start < this.window.startMs || start > this.window.endMs) return;
    const wasKnown = visitor.contactId !== null;
    writeSession(this.rng, this.sink, {
      visitor,
      arrival,
      start,
      purchase,
      experimentRunning: start >= this.experimentStart,
      profile: CHANNEL_PROFILES[arrival.kind],
      end: this.window.endMs,
      ids: this.ids,
      createLead: (at, form) => {
        const result = this.crm.webLead({
          at,
          country: visitor.country,
          source: arrival.source,
          medium: arrival.medium,
          campaign: arrival.campaign,
          form,
          referral: arrival.kind === 'referral',
        });
        const leadDay = Math.floor(at / DAY_MS);
        this.leadsByDay.set(leadDay, (this.leadsByDay.get(leadDay) ?? 0) + 1);
        if (result.purchase) this.schedule(visitor, result.purchase);
        return result.contactId;
      },
    });
    if (!wasKnown && visitor.contactId !== null) this.identified.push(visitor);
  }

  private schedule(visitor: Visitor, purchase: Purchase): void {
    const day = Math.floor(purchase.at / DAY_MS);
    const list = this.scheduled.get(day) ?? [];
    list.push({ visitor, at: purchase.at - 5 * 60_000, purchase });
    this.scheduled.set(day, list);
  }

  private newVisitor(country: Country, device: Device, remember = true): Visitor {
    this.visitorSeq++;
    const id = `${(this.rng.int(0x100000000) >>> 0).toString(16).padStart(8, '0')}${this.visitorSeq.toString(16).padStart(8, '0')}`;
    const visitor: Visitor = {
      id,
      country,
      device,
      userAgent: pickUserAgent(this.rng, country.region, device),
      contactId: null,
      lastEnd: 0,
    };
    if (remember) {
      if (this.recent.length < this.recentCapacity) this.recent.push(visitor);
      else this.recent[this.recentHead] = visitor;
      this.recentHead = (this.recentHead + 1) % this.recentCapacity;
    }
    return visitor;
  }

  /** A visitor seen before, recent ones more likely. */
  private returningVisitor(): Visitor | undefined {
    const size = this.recent.length;
    if (size === 0) return undefined;
    const back = Math.min(size - 1, Math.floor(this.rng.exp(size * 0.25)));
    return this.recent[(this.recentHead - 1 - back + size * 2) % size];
  }
}
