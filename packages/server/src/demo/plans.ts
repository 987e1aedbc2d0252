import { addMonths } from './calendar.ts';
import type { DealCurrency } from './company.ts';
import { type Rng, Weighted } from './prng.ts';
import type { Region } from './user-agents.ts';

/**
 * What the company sells: Starter (self-serve, monthly), Pro (per seat, monthly or annual) and
 * Enterprise (per seat, annual contracts). A sale's first term is paid by its won deal (or, for
 * self-serve, by the first order); every later term is an order, so revenue is never counted twice.
 */
export type Product = 'Starter' | 'Pro' | 'Enterprise';

export interface Plan {
  product: Product;
  termMonths: 1 | 12;
  currency: DealCurrency;
  /** Amount of one billing term in `currency`. */
  amount: number;
}

/** List prices per month (Starter flat, others per seat). */
const PRICES: Record<Product, Record<DealCurrency, number>> = {
  Starter: { USD: 99, EUR: 89, PLN: 399 },
  Pro: { USD: 39, EUR: 36, PLN: 159 },
  Enterprise: { USD: 59, EUR: 54, PLN: 239 },
};

/** Products of sales-assisted deals by region: the Gulf buys bigger. */
const SALES_MIX: Record<Region, Weighted<Product>> = {
  pl: Weighted.fromRecord({ Starter: 20, Pro: 60, Enterprise: 20 }),
  cis: Weighted.fromRecord({ Starter: 22, Pro: 58, Enterprise: 20 }),
  gulf: Weighted.fromRecord({ Starter: 10, Pro: 50, Enterprise: 40 }),
  west: Weighted.fromRecord({ Starter: 15, Pro: 55, Enterprise: 30 }),
};

/** Chance that an opportunity for the product is won (before the rep's skill). */
export const WIN_RATE: Record<Product, number> = { Starter: 0.38, Pro: 0.31, Enterprise: 0.22 };

/** Days from opportunity to close: bigger deals take longer. */
export const SALES_CYCLE: Record<Product, readonly [min: number, mean: number]> = {
  Starter: [4, 7],
  Pro: [10, 18],
  Enterprise: [25, 40],
};

export function pickSalesProduct(rng: Rng, region: Region): Product {
  return SALES_MIX[region].pick(rng);
}

export function buildPlan(rng: Rng, product: Product, currency: DealCurrency): Plan {
  const perMonth = PRICES[product][currency];
  if (product === 'Starter') return { product, termMonths: 1, currency, amount: perMonth };
  if (product === 'Pro') {
    const seats = Math.min(40, 3 + Math.floor(rng.exp(7)));
    if (rng.chance(0.6)) return { product, termMonths: 1, currency, amount: seats * perMonth };
    return { product, termMonths: 12, currency, amount: Math.round(seats * perMonth * 12 * 0.85) };
  }
  const seats = Math.min(300, 25 + Math.floor(rng.exp(40)));
  const discount = rng.between(0.05, 0.2);
  return { product, termMonths: 12, currency, amount: Math.round((seats * perMonth * 12 * (1 - discount)) / 10) * 10 };
}

/** Chance a customer leaves at the end of a term. */
function churnChance(plan: Plan): number {
  if (plan.termMonths === 1) return plan.product === 'Starter' ? 0.045 : 0.022;
  return plan.product === 'Enterprise' ? 0.09 : 0.14;
}

export interface Renewal {
  kind: 'order' | 'churned';
  at: number;
  amount: number;
}

/**
 * The renewals of a subscription that started at `since` (its first term already paid), up to
 * `until`: an order per term, until the customer churns at a term's end.
 */
export function* renewals(rng: Rng, plan: Plan, since: number, until: number): Generator<Renewal> {
  const churn = churnChance(plan);
  for (let term = 1; ; term++) {
    const at = addMonths(since, term * plan.termMonths);
    if (at > until) return;
    if (rng.chance(churn)) {
      yield { kind: 'churned', at, amount: 0 };
      return;
    }
    // Annual contracts renew with a 5 % uplift.
    const uplift = plan.termMonths === 12 ? 1.05 ** term : 1;
    yield { kind: 'order', at, amount: Math.round(plan.amount * uplift * 100) / 100 };
  }
}
