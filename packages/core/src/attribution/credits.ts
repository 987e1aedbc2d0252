import type { AttributionDetails, AttributionDimension, AttributionModel, AttributionResult, AttributionRow } from './types.ts';

/** Credit per key, keys interned to dense integer ids so the hot loops index arrays. */
export class CreditTable {
  readonly keys: string[] = [];
  readonly conversions: number[] = [];
  readonly values: number[] = [];
  totalConversions = 0;
  totalValue = 0;
  private readonly ids = new Map<string, number>();

  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
      this.conversions.push(0);
      this.values.push(0);
    }
    return id;
  }

  add(id: number, conversions: number, value: number): void {
    this.conversions[id] = (this.conversions[id] as number) + conversions;
    this.values[id] = (this.values[id] as number) + value;
  }

  toResult(model: AttributionModel, dimension: AttributionDimension, details?: AttributionDetails): AttributionResult {
    const rows: AttributionRow[] = this.keys.map((key, i) => ({
      key,
      conversions: this.conversions[i] as number,
      value: this.values[i] as number,
    }));
    rows.sort((a, b) => b.conversions - a.conversions || b.value - a.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return {
      model,
      dimension,
      rows,
      totalConversions: this.totalConversions,
      totalValue: this.totalValue,
      ...(details === undefined ? {} : { details }),
    };
  }
}
