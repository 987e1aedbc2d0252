import { SequenceIndex } from './sequence-index.ts';
import { orderTouches, touchKey } from './touches.ts';
import type { AttributionDimension, Journey, PathSummaryRow, Touchpoint } from './types.ts';

/**
 * Journeys aggregated into unique key sequences with their conversions, nulls and value —
 * ChannelAttribution's input shape. Data-driven models only ever see this, which is what
 * makes a million journeys cheap: they collapse to a few thousand paths.
 */
export interface PathTable {
  /** Key id → key. */
  keys: string[];
  /** Path p is steps[offsets[p] .. offsets[p + 1]). */
  offsets: Int32Array;
  steps: Int32Array;
  conversions: Float64Array;
  nulls: Float64Array;
  values: Float64Array;
  /** Journeys without touches: kept apart, credited to `(none)` by every model. */
  none: { seen: boolean; conversions: number; value: number };
}

export function pathCount(table: PathTable): number {
  return table.offsets.length - 1;
}

class PathTableBuilder {
  private readonly keyIds = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly paths = new SequenceIndex();
  private conversions: Float64Array = new Float64Array(256);
  private nulls: Float64Array = new Float64Array(256);
  private values: Float64Array = new Float64Array(256);
  private readonly none = { seen: false, conversions: 0, value: 0 };
  scratch = new Int32Array(64);

  keyId(key: string): number {
    let id = this.keyIds.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keyIds.set(key, id);
      this.keys.push(key);
    }
    return id;
  }

  reserve(length: number): Int32Array {
    if (this.scratch.length < length) this.scratch = new Int32Array(length * 2);
    return this.scratch;
  }

  /** Adds scratch[0..length) as one path. */
  add(length: number, conversions: number, nulls: number, value: number): void {
    if (length === 0) {
      this.none.seen = true;
      this.none.conversions += conversions;
      this.none.value += value;
      return;
    }
    const p = this.paths.intern(this.scratch, 0, length);
    if (p >= this.conversions.length) {
      this.conversions = growFloat(this.conversions);
      this.nulls = growFloat(this.nulls);
      this.values = growFloat(this.values);
    }
    this.conversions[p] = (this.conversions[p] as number) + conversions;
    this.nulls[p] = (this.nulls[p] as number) + nulls;
    this.values[p] = (this.values[p] as number) + value;
  }

  build(): PathTable {
    const n = this.paths.count;
    return {
      keys: this.keys,
      offsets: this.paths.offsets.slice(0, n + 1),
      steps: this.paths.data.slice(0, this.paths.offsets[n] as number),
      conversions: this.conversions.slice(0, n),
      nulls: this.nulls.slice(0, n),
      values: this.values.slice(0, n),
      none: { ...this.none },
    };
  }
}

function growFloat(array: Float64Array): Float64Array {
  const grown = new Float64Array(array.length * 2);
  grown.set(array);
  return grown;
}

export function pathTableFromJourneys(journeys: Iterable<Journey>, dimension: AttributionDimension): PathTable {
  const builder = new PathTableBuilder();
  for (const journey of journeys) {
    const touches = orderTouches(journey.touchpoints);
    const ids = builder.reserve(touches.length);
    for (let i = 0; i < touches.length; i++) ids[i] = builder.keyId(touchKey(touches[i] as Touchpoint, dimension));
    const count = journey.count ?? 1;
    if (journey.converted) builder.add(touches.length, count, 0, count * journey.value);
    else builder.add(touches.length, 0, count, 0);
  }
  return builder.build();
}

export function pathTableFromSummary(rows: Iterable<PathSummaryRow>): PathTable {
  const builder = new PathTableBuilder();
  for (const row of rows) {
    const ids = builder.reserve(row.path.length);
    for (let i = 0; i < row.path.length; i++) ids[i] = builder.keyId(row.path[i] as string);
    builder.add(row.path.length, row.conversions, row.nulls, row.value);
  }
  return builder.build();
}
