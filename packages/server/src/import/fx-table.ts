import type { Store } from '../store/store.ts';

const DAY_MS = 86_400_000;
/** How far back a rate may be carried forward (weekends, holidays). */
export const FX_MAX_AGE_DAYS = 7;

function dayNumber(isoDate: string): number {
  return Math.floor(Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / DAY_MS);
}

/**
 * Exchange rates in memory for conversion at import: the rate of the row's day, or the latest
 * earlier one within FX_MAX_AGE_DAYS. A missing rate is an error for that row, never 1.0.
 */
export class FxTable {
  private constructor(
    private readonly reporting: string,
    private readonly rates: Map<string, Array<readonly [day: number, rate: number]>>,
  ) {}

  static async load(store: Store, reportingCurrency: string): Promise<FxTable> {
    const rows = await store.query('SELECT CAST("date" AS VARCHAR) AS d, currency, rate FROM fx_rates ORDER BY currency, "date"');
    const rates = new Map<string, Array<readonly [number, number]>>();
    for (const row of rows) {
      const list = rates.get(String(row.currency)) ?? [];
      list.push([dayNumber(String(row.d)), Number(row.rate)]);
      rates.set(String(row.currency), list);
    }
    return new FxTable(reportingCurrency, rates);
  }

  /** Reporting-currency units per unit of `currency` on `isoDate`, or an error message. */
  rate(currency: string, isoDate: string): { rate: number } | { error: string } {
    if (currency === this.reporting) return { rate: 1 };
    const list = this.rates.get(currency);
    const day = dayNumber(isoDate);
    if (list) {
      let lo = 0;
      let hi = list.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((list[mid] as readonly [number, number])[0] <= day) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const hit = list[found];
      if (hit && day - hit[0] <= FX_MAX_AGE_DAYS) return { rate: hit[1] };
    }
    return {
      error: `no exchange rate for ${currency} on ${isoDate} (import fx_rates with ${currency} to ${this.reporting} rates on or up to ${FX_MAX_AGE_DAYS} days before that day)`,
    };
  }
}
