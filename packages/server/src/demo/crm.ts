import type { Stage } from '@northstar/core';
import { DAY_MS, type DemoWindow, nextWorkingDay, officeTime, trend, weekday } from './calendar.ts';
import { COUNTRIES, type Country, contactEmail, countryOf, OWNER_SKILL, OWNERS } from './company.ts';
import { buildPlan, type Plan, pickSalesProduct, renewals, SALES_CYCLE, WIN_RATE } from './plans.ts';
import { type Rng, Weighted } from './prng.ts';
import { type DemoSink, inputRow } from './sink.ts';

/**
 * The CRM side: contacts, their lifecycle stages, deals and orders. A contact's whole future is
 * drawn when it is created (stage by stage, with delays in working days), and only what happens
 * up to `today` is written — so recent opportunities are still open.
 */
export interface WebLead {
  at: number;
  country: Country;
  source: string | null;
  medium: string | null;
  campaign: string | null;
  /** The form submitted; it sets how warm the lead is. */
  form: string;
  referral: boolean;
}

export interface LeadResult {
  contactId: string;
  /** A self-serve trial that converts: the first payment happens on the website. */
  purchase?: { at: number; amount: number; currency: string };
}

export interface Customer {
  contactId: string;
  country: Country;
  since: number;
  churnedAt: number | null;
  plan: Plan;
}

interface ContactRef {
  id: string;
  owner: string;
  country: Country;
  pipeline: string;
}

/** Stage-to-stage conversion by where a lead came from. */
interface Route {
  toMql: number;
  toSql: number;
  /** Chance of jumping straight from lead to SQL (a meeting booked at once). */
  skipMql: number;
}

const ROUTES: Record<string, Route> = {
  'demo-request': { toMql: 0.5, toSql: 0.36, skipMql: 0.12 },
  'contact-us': { toMql: 0.36, toSql: 0.3, skipMql: 0.05 },
  'trial-signup': { toMql: 0.28, toSql: 0.27, skipMql: 0.03 },
  'spring-offer': { toMql: 0.26, toSql: 0.25, skipMql: 0.03 },
  'webinar-registration': { toMql: 0.22, toSql: 0.25, skipMql: 0.02 },
  newsletter: { toMql: 0.1, toSql: 0.2, skipMql: 0.01 },
  outbound: { toMql: 0.3, toSql: 0.4, skipMql: 0.25 },
};
const TO_SAL = 0.7;
const SKIP_SAL = 0.15;
const TO_OPPORTUNITY = 0.6;
/** Paying Starter customers among trial sign-ups that nobody from sales touches. */
const SELF_SERVE = 0.15;
/** Chance a contact that stalls at a stage is marked lost (the rest just go quiet). */
const LOST_AFTER: Partial<Record<Stage, number>> = { lead: 0.05, mql: 0.45, sql: 0.7, sal: 0.8 };

const OUTBOUND_COUNTRIES = Weighted.fromRecord({ AE: 25, SA: 20, PL: 25, DE: 10, KZ: 10, GB: 5, US: 5 });
const LEGACY_SOURCES: ReadonlyArray<readonly [string | null, string | null, string | null]> = [
  ['google', 'organic', null],
  ['google', 'cpc', 'generic-crm-pl'],
  ['(direct)', '(none)', null],
  ['linkedin', 'social', null],
  ['newsletter', 'email', 'newsletter'],
  ['www.g2.com', 'referral', null],
];

export class Crm {
  readonly customers: Customer[] = [];
  private contactSeq = 0;
  private dealSeq = 0;
  private orderSeq = 0;
  private readonly marketShares = new Weighted(COUNTRIES.map((c) => [c.code, c.share] as const));

  constructor(
    private readonly rng: Rng,
    private readonly window: DemoWindow,
    private readonly scale: number,
    private readonly sink: DemoSink,
  ) {}

  /** A visitor submitted a form: a new lead, and its drawn future. */
  webLead(lead: WebLead): LeadResult {
    const selfServe = (lead.form === 'trial-signup' || lead.form === 'spring-offer') && this.rng.chance(SELF_SERVE);
    const pipeline = selfServe ? 'self-serve' : lead.referral ? 'partner' : 'new-business';
    const contact = this.createContact(lead.at, lead.country, 'digital', pipeline, lead.source, lead.medium, lead.campaign);
    this.stage(contact.id, 'lead', lead.at);
    if (!selfServe) {
      this.salesJourney(contact, lead.at, ROUTES[lead.form] ?? (ROUTES.newsletter as Route));
      return { contactId: contact.id };
    }
    // A 14-day trial, then the first Starter payment on the website.
    const at = Math.round(lead.at + (14 + this.rng.exp(5)) * DAY_MS);
    if (at > this.window.endMs) return { contactId: contact.id };
    const plan = buildPlan(this.rng, 'Starter', lead.country.currency);
    this.stage(contact.id, 'customer', at);
    this.order(contact.id, at, plan.amount, plan);
    this.subscribe(contact, plan, at);
    return { contactId: contact.id, purchase: { at, amount: plan.amount, currency: plan.currency } };
  }

  /** Contacts the SDR team creates by outreach on a working day; they have no web session. */
  outboundDay(day: number): void {
    if (weekday(day) === 0 || weekday(day) === 6) return;
    const count = this.rng.poisson(2.1 * this.scale * Math.sqrt(trend(this.window, day)));
    for (let i = 0; i < count; i++) {
      const country = countryOf(OUTBOUND_COUNTRIES.pick(this.rng));
      const at = officeTime(this.rng, day, country.utcOffset);
      if (at < this.window.startMs || at > this.window.endMs) continue;
      const quarter = Math.floor(new Date(at).getUTCMonth() / 3) + 1;
      const campaign = `sdr-${country.region}-q${quarter}-${new Date(at).getUTCFullYear()}`;
      const contact = this.createContact(at, country, 'outbound', 'new-business', 'outbound', 'sdr', campaign);
      this.stage(contact.id, 'lead', at);
      this.salesJourney(contact, at, ROUTES.outbound as Route);
    }
  }

  /** Customers won before the window, so retention and churn have a base from the first month. */
  legacyCustomers(): void {
    const count = Math.max(4, Math.round(70 * this.scale));
    for (let i = 0; i < count; i++) {
      const country = countryOf(this.marketShares.pick(this.rng));
      const wonAt = Math.round(this.window.startMs - this.rng.between(20, 700) * DAY_MS);
      let at = Math.round(wonAt - this.rng.between(30, 150) * DAY_MS);
      const outbound = this.rng.chance(0.3);
      const [source, medium, campaign] = outbound ? ['outbound', 'sdr', null] : this.rng.pick(LEGACY_SOURCES);
      const contact = this.createContact(at, country, outbound ? 'outbound' : 'digital', 'new-business', source, medium, campaign);
      const stages: Stage[] = this.rng.chance(0.2) ? ['lead', 'sql', 'sal', 'opportunity'] : ['lead', 'mql', 'sql', 'sal', 'opportunity'];
      const step = (wonAt - at) / stages.length;
      for (const stage of stages) {
        this.stage(contact.id, stage, at);
        at += step;
      }
      this.stage(contact.id, 'customer', wonAt);
      this.subscribe(contact, buildPlan(this.rng, pickSalesProduct(this.rng, country.region), country.currency), wonAt);
    }
  }

  private createContact(
    at: number,
    country: Country,
    program: 'digital' | 'outbound',
    pipeline: string,
    source: string | null,
    medium: string | null,
    campaign: string | null,
  ): ContactRef {
    const id = `c-${String(++this.contactSeq).padStart(6, '0')}`;
    const owner = this.rng.pick(OWNERS[country.region]);
    const email = contactEmail((items) => this.rng.pick(items), country.language, this.contactSeq);
    this.sink.add(
      'contacts',
      inputRow('contacts', {
        contact_id: id,
        created_at: at,
        email,
        source,
        medium,
        campaign,
        owner,
        country: country.code,
        program,
        pipeline,
      }),
    );
    return { id, owner, country, pipeline };
  }

  /** lead → MQL → SQL → SAL → opportunity → customer, with skips, losses and delays. */
  private salesJourney(contact: ContactRef, createdAt: number, route: Route): void {
    let at = createdAt;
    let reached: Stage = 'lead';
    const advance = (stage: Stage, chance: number, minDays: number, meanDays: number, write = true): boolean => {
      if (!this.rng.chance(chance)) return false;
      const next = this.later(at, minDays, meanDays, contact.country);
      if (next > this.window.endMs) return false;
      at = next;
      reached = stage;
      if (write) this.stage(contact.id, stage, at);
      return true;
    };
    const stall = () => {
      const lost = LOST_AFTER[reached] ?? 0;
      if (!this.rng.chance(lost)) return;
      const when = this.later(at, 7, 20, contact.country);
      if (when <= this.window.endMs) this.stage(contact.id, 'lost', when);
    };
    // Some leads book a meeting at once and skip MQL.
    const skipMql = this.rng.chance(route.skipMql);
    const opportunity =
      (skipMql || advance('mql', route.toMql, 0, 3)) &&
      advance('sql', skipMql ? 1 : route.toSql, skipMql ? 0 : 1, skipMql ? 2 : 6) &&
      advance('sal', TO_SAL, 0, 2, !this.rng.chance(SKIP_SAL)) &&
      advance('opportunity', TO_OPPORTUNITY, 2, 8);
    if (!opportunity) {
      stall();
      return;
    }

    const product = pickSalesProduct(this.rng, contact.country.region);
    const plan = buildPlan(this.rng, product, contact.country.currency);
    const [minDays, meanDays] = SALES_CYCLE[product];
    const closeAt = this.later(at, minDays, meanDays, contact.country);
    const won = this.rng.chance(WIN_RATE[product] * (OWNER_SKILL[contact.owner] ?? 1));
    const status = closeAt > this.window.endMs ? 'open' : won ? 'won' : 'lost';
    this.sink.add(
      'deals',
      inputRow('deals', {
        deal_id: `d-${String(++this.dealSeq).padStart(5, '0')}`,
        contact_id: contact.id,
        created_at: at,
        closed_at: status === 'open' ? null : closeAt,
        status,
        amount: plan.amount,
        currency: plan.currency,
        owner: contact.owner,
        pipeline: contact.pipeline,
        product,
      }),
    );
    if (status === 'won') {
      this.stage(contact.id, 'customer', closeAt);
      this.subscribe(contact, plan, closeAt);
    } else if (status === 'lost') {
      this.stage(contact.id, 'lost', closeAt);
    }
  }

  /** Renewal orders until churn; only what falls inside the window is written. */
  private subscribe(contact: { id: string; country: Country }, plan: Plan, since: number): void {
    const customer: Customer = { contactId: contact.id, country: contact.country, since, churnedAt: null, plan };
    for (const renewal of renewals(this.rng, plan, since, this.window.endMs)) {
      if (renewal.kind === 'churned') {
        customer.churnedAt = renewal.at;
        this.stage(contact.id, 'churned', renewal.at);
      } else if (renewal.at >= this.window.startMs) {
        this.order(contact.id, renewal.at, renewal.amount, plan);
      }
    }
    this.customers.push(customer);
  }

  private order(contactId: string, at: number, amount: number, plan: Plan): void {
    this.sink.add(
      'orders',
      inputRow('orders', {
        order_id: `o-${String(++this.orderSeq).padStart(6, '0')}`,
        contact_id: contactId,
        timestamp: at,
        amount,
        currency: plan.currency,
        product: plan.product,
      }),
    );
  }

  private stage(contactId: string, stage: Stage, at: number): void {
    this.sink.add('stages', { contact_id: contactId, stage, timestamp: Math.round(at) });
  }

  /** A moment `minDays + Exp(meanDays)` later, in office hours on a working day. */
  private later(at: number, minDays: number, meanDays: number, country: Country): number {
    const day = nextWorkingDay(Math.floor(at / DAY_MS + minDays + this.rng.exp(meanDays)));
    const next = officeTime(this.rng, day, country.utcOffset);
    return next > at ? next : at + this.rng.between(1, 4) * 3_600_000;
  }
}
