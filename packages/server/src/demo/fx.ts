import { AppError, type ParsedRow } from '@northstar/core';
import { isoDay } from './calendar.ts';
import type { Rng } from './prng.ts';

/** Approximate USD value of one unit, the anchor each daily rate drifts around. */
const USD_VALUE: Record<string, number> = {
  USD: 1,
  EUR: 1.08,
  PLN: 0.25,
  GBP: 1.27,
  CHF: 1.12,
  AED: 0.2723,
  SAR: 0.2667,
  RUB: 0.0108,
  KZT: 0.0021,
  UAH: 0.024,
  EGP: 0.0205,
  CZK: 0.043,
  TRY: 0.03,
  CNY: 0.138,
  JPY: 0.0066,
  SEK: 0.095,
  NOK: 0.094,
  DKK: 0.145,
  CAD: 0.73,
  AUD: 0.66,
  INR: 0.012,
  BRL: 0.18,
};
/** Currencies pegged to the dollar keep a constant rate. */
const PEGGED = new Set(['USD', 'AED', 'SAR']);

/**
 * Daily exchange rates for the demo: a mean-reverting random walk around today's levels. The demo
 * invoices in PLN, EUR and USD, and writes a rate to the reporting currency for every day.
 */
export class FxModel {
  private readonly usd = new Map<string, Float64Array>();

  constructor(
    rng: Rng,
    private readonly firstDay: number,
    lastDay: number,
    readonly reporting: string,
    readonly currencies: readonly string[],
  ) {
    if (USD_VALUE[reporting] === undefined) {
      throw new AppError(
        'validation',
        `the demo has no exchange rates for the reporting currency ${reporting}; set the workspace currency to one of ${Object.keys(USD_VALUE).join(', ')} first`,
      );
    }
    const days = lastDay - firstDay + 1;
    for (const currency of new Set([...currencies, reporting])) {
      const anchor = USD_VALUE[currency] as number;
      const values = new Float64Array(days);
      let drift = 0;
      for (let i = 0; i < days; i++) {
        if (!PEGGED.has(currency)) drift = drift * 0.985 + rng.normal() * 0.0045;
        values[i] = anchor * Math.exp(drift);
      }
      this.usd.set(currency, values);
    }
  }

  /** USD per unit of `currency` on a day. */
  usdPer(currency: string, day: number): number {
    const values = this.usd.get(currency);
    if (!values) throw new Error(`demo: no fx series for ${currency}`);
    const index = Math.min(values.length - 1, Math.max(0, day - this.firstDay));
    return values[index] as number;
  }

  /** Converts a USD amount into `currency` on a day. */
  fromUsd(amountUsd: number, currency: string, day: number): number {
    return amountUsd / this.usdPer(currency, day);
  }

  /** fx_rates input rows: reporting-currency units per unit, every day, every foreign currency. */
  *rows(): Generator<ParsedRow> {
    const days = (this.usd.get(this.reporting) as Float64Array).length;
    for (const currency of this.currencies) {
      if (currency === this.reporting) continue;
      for (let i = 0; i < days; i++) {
        const day = this.firstDay + i;
        const rate = this.usdPer(currency, day) / this.usdPer(this.reporting, day);
        yield { date: isoDay(day), currency, rate: Number(rate.toPrecision(6)) };
      }
    }
  }
}
