import { AppError } from '../errors/app-error.ts';
import { type PathTable, pathCount } from './path-table.ts';
import { SequenceIndex } from './sequence-index.ts';

/**
 * Shapley value with v(S) = conversions (or value) of the journeys whose key set lies inside S
 * (Zhao, Mahboobi & Bagheri 2018). Write v = Σ_T w_T·u_T, where w_T is the conversions of
 * journeys whose key set is exactly T and u_T(S) = 1 when T ⊆ S (a unanimity game). The Shapley
 * value is linear and gives u_T's worth 1/|T| to each member of T, so
 *   φ_j = Σ_{T ∋ j} w_T / |T|,
 * i.e. each journey's conversion is split equally among its distinct keys. That is exact for any
 * number of keys, in one pass over the paths.
 */
export interface ShapleyCredits {
  conversions: Float64Array;
  values: Float64Array;
  players: number;
}

export function shapleyExact(table: PathTable): ShapleyCredits {
  const keyCount = table.keys.length;
  const conversions = new Float64Array(keyCount);
  const values = new Float64Array(keyCount);
  const stamp = new Int32Array(keyCount).fill(-1);
  const isPlayer = new Uint8Array(keyCount);
  const distinct: number[] = [];
  for (let p = 0; p < pathCount(table); p++) {
    const c = table.conversions[p] as number;
    const v = table.values[p] as number;
    if (c === 0 && v === 0) continue;
    distinct.length = 0;
    for (let i = table.offsets[p] as number; i < (table.offsets[p + 1] as number); i++) {
      const k = table.steps[i] as number;
      if (stamp[k] !== p) {
        stamp[k] = p;
        distinct.push(k);
      }
    }
    const m = distinct.length;
    for (const k of distinct) {
      conversions[k] = (conversions[k] as number) + c / m;
      values[k] = (values[k] as number) + v / m;
      isPlayer[k] = 1;
    }
  }
  return { conversions, values, players: isPlayer.reduce((a, b) => a + b, 0) };
}

/** Journeys grouped by key set: the coalitions T with their worth w_T. */
interface Coalitions {
  start: Int32Array;
  members: Int32Array;
  conversions: Float64Array;
  values: Float64Array;
  players: Int32Array;
}

function coalitions(table: PathTable): Coalitions {
  const sets = new SequenceIndex();
  let conversions = new Float64Array(256);
  let values = new Float64Array(256);
  const isPlayer = new Uint8Array(table.keys.length);
  for (let p = 0; p < pathCount(table); p++) {
    const c = table.conversions[p] as number;
    const v = table.values[p] as number;
    if (c === 0 && v === 0) continue;
    const set = Int32Array.from(new Set(table.steps.subarray(table.offsets[p] as number, table.offsets[p + 1] as number))).sort();
    for (const k of set) isPlayer[k] = 1;
    const t = sets.intern(set, 0, set.length);
    if (t >= conversions.length) {
      conversions = Float64Array.from({ length: conversions.length * 2 }, (_, i) => conversions[i] ?? 0);
      values = Float64Array.from({ length: values.length * 2 }, (_, i) => values[i] ?? 0);
    }
    conversions[t] = (conversions[t] as number) + c;
    values[t] = (values[t] as number) + v;
  }
  const players: number[] = [];
  isPlayer.forEach((flag, k) => {
    if (flag) players.push(k);
  });
  return {
    start: sets.offsets.slice(0, sets.count + 1),
    members: sets.data,
    conversions: conversions.slice(0, sets.count),
    values: values.slice(0, sets.count),
    players: Int32Array.from(players),
  };
}

/** mulberry32: a small seeded generator, so a sampled run can be repeated exactly. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SampledShapleyCredits extends ShapleyCredits {
  /** Half-widths of the 95% intervals, per key id. */
  conversionsHalfWidth: Float64Array;
  valuesHalfWidth: Float64Array;
}

/**
 * Monte-Carlo Shapley over random orderings of the keys. In one ordering the marginal worth a
 * key adds is the w_T of every coalition whose last member (in that ordering) it is, so each
 * ordering distributes v(N) exactly and the estimates always sum to the totals. Intervals use
 * the normal approximation: mean ± 1.96·sd/√samples.
 */
export function shapleySampled(table: PathTable, samples: number, seed: number): SampledShapleyCredits {
  if (!Number.isInteger(samples) || samples < 2) {
    throw new AppError('badRequest', 'attribution: sampled Shapley needs an integer sample count of at least 2', { samples });
  }
  const game = coalitions(table);
  const keyCount = table.keys.length;
  const random = seededRandom(seed);
  const order = Int32Array.from(game.players);
  const position = new Int32Array(keyCount);
  // One accumulator per measure (conversions, value): this ordering's draw, Σ draws, Σ draws².
  const measures = [game.conversions, game.values].map((worth) => ({
    worth,
    draw: new Float64Array(keyCount),
    sum: new Float64Array(keyCount),
    sumSq: new Float64Array(keyCount),
  }));
  const coalitionCount = game.conversions.length;
  for (let s = 0; s < samples; s++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    order.forEach((k, rank) => {
      position[k] = rank;
    });
    for (let t = 0; t < coalitionCount; t++) {
      let last = game.members[game.start[t] as number] as number;
      for (let e = (game.start[t] as number) + 1; e < (game.start[t + 1] as number); e++) {
        const k = game.members[e] as number;
        if ((position[k] as number) > (position[last] as number)) last = k;
      }
      for (const m of measures) m.draw[last] = (m.draw[last] as number) + (m.worth[t] as number);
    }
    for (const m of measures) {
      for (const k of game.players) {
        const d = m.draw[k] as number;
        m.sum[k] = (m.sum[k] as number) + d;
        m.sumSq[k] = (m.sumSq[k] as number) + d * d;
        m.draw[k] = 0;
      }
    }
  }
  const [conversions, values] = measures.map(({ sum, sumSq }) => {
    const mean = new Float64Array(keyCount);
    const halfWidth = new Float64Array(keyCount);
    for (const k of game.players) {
      const mu = (sum[k] as number) / samples;
      const variance = Math.max(0, ((sumSq[k] as number) - samples * mu * mu) / (samples - 1));
      mean[k] = mu;
      halfWidth[k] = 1.96 * Math.sqrt(variance / samples);
    }
    return { mean, halfWidth };
  }) as [{ mean: Float64Array; halfWidth: Float64Array }, { mean: Float64Array; halfWidth: Float64Array }];
  return {
    conversions: conversions.mean,
    values: values.mean,
    players: game.players.length,
    conversionsHalfWidth: conversions.halfWidth,
    valuesHalfWidth: values.halfWidth,
  };
}
