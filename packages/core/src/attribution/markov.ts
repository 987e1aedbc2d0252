import { AppError } from '../errors/app-error.ts';
import { absorbDense, absorbGaussSeidel, type TransientChain } from './absorbing-chain.ts';
import { type PathTable, pathCount } from './path-table.ts';
import { SequenceIndex } from './sequence-index.ts';
import type { MarkovDetails } from './types.ts';

/** Up to this many states the system is solved densely (exact up to rounding). */
const DENSE_MAX_STATES = 64;
/** Gauss–Seidel that does not converge falls back to a dense solve up to this size. */
const DENSE_FALLBACK_MAX_STATES = 2_000;
export const MAX_MARKOV_ORDER = 6;

interface FittedChain {
  chain: TransientChain;
  /** (start) → state probabilities. */
  startProb: Float64Array;
  /** States holding each key: keyStates[keyStart[k] .. keyStart[k + 1]). */
  keyStart: Int32Array;
  keyStates: Int32Array;
  transitions: number;
}

/** Each path as its sequence of states: path p walks seq[seqStart[p] .. seqStart[p + 1]). */
interface Walks {
  states: SequenceIndex;
  seqStart: Int32Array;
  seq: Int32Array;
}

/**
 * Order-k states follow ChannelAttribution: a path's states are its sliding windows of k keys
 * (a path shorter than k is one state), and consecutive identical states are collapsed, so the
 * chain has no self-loops. For order 1 the collapse changes no absorption probability: a self-loop
 * of probability q only rescales the other exits of its state by 1 / (1 − q).
 */
function walkStates(table: PathTable, order: number): Walks {
  const paths = pathCount(table);
  const states = new SequenceIndex();
  const seqStart = new Int32Array(paths + 1);
  const seq = new Int32Array(table.steps.length);
  let length = 0;
  for (let p = 0; p < paths; p++) {
    const from = table.offsets[p] as number;
    const to = table.offsets[p + 1] as number;
    if ((table.conversions[p] as number) + (table.nulls[p] as number) > 0) {
      const windows = Math.max(1, to - from - order + 1);
      let previous = -1;
      for (let w = 0; w < windows; w++) {
        const state = states.intern(table.steps, from + w, Math.min(to, from + w + order));
        if (state !== previous) seq[length++] = state;
        previous = state;
      }
    }
    seqStart[p + 1] = length;
  }
  return { states, seqStart, seq };
}

/** Transition weights (from, to); dense while the matrix is small, a Map beyond. */
function transitionCounter(rows: number, cols: number) {
  const dense = rows * cols <= 1 << 22 ? new Float64Array(rows * cols) : undefined;
  const sparse = new Map<number, number>();
  return {
    add(from: number, to: number, w: number): void {
      const key = from * cols + to;
      if (dense) dense[key] = (dense[key] as number) + w;
      else sparse.set(key, (sparse.get(key) ?? 0) + w);
    },
    forEach(visit: (from: number, to: number, w: number) => void): void {
      if (dense) {
        dense.forEach((w, key) => {
          if (w > 0) visit(Math.floor(key / cols), key % cols, w);
        });
      } else {
        for (const [key, w] of sparse) if (w > 0) visit(Math.floor(key / cols), key % cols, w);
      }
    },
  };
}

function fitChain(table: PathTable, order: number): FittedChain {
  const { states, seqStart, seq } = walkStates(table, order);
  const size = states.count;
  const startRow = size;
  const counts = transitionCounter(size + 1, size);
  const toConversion = new Float64Array(size);
  const toNull = new Float64Array(size);
  const rowTotal = new Float64Array(size + 1);
  for (let p = 0; p < pathCount(table); p++) {
    const a = seqStart[p] as number;
    const b = seqStart[p + 1] as number;
    if (a === b) continue;
    const conversions = table.conversions[p] as number;
    const nulls = table.nulls[p] as number;
    const walked = conversions + nulls;
    counts.add(startRow, seq[a] as number, walked);
    rowTotal[startRow] = (rowTotal[startRow] as number) + walked;
    for (let i = a; i + 1 < b; i++) {
      counts.add(seq[i] as number, seq[i + 1] as number, walked);
      rowTotal[seq[i] as number] = (rowTotal[seq[i] as number] as number) + walked;
    }
    const last = seq[b - 1] as number;
    toConversion[last] = (toConversion[last] as number) + conversions;
    toNull[last] = (toNull[last] as number) + nulls;
    rowTotal[last] = (rowTotal[last] as number) + walked;
  }
  // Q in CSR form; the (start) row becomes startProb.
  const rowStart = new Int32Array(size + 1);
  let edges = 0;
  counts.forEach((from) => {
    edges++;
    if (from < size) rowStart[from + 1] = (rowStart[from + 1] as number) + 1;
  });
  for (let s = 0; s < size; s++) rowStart[s + 1] = (rowStart[s] as number) + (rowStart[s + 1] as number);
  const fill = rowStart.slice(0, size);
  const col = new Int32Array(rowStart[size] as number);
  const prob = new Float64Array(rowStart[size] as number);
  const startProb = new Float64Array(size);
  counts.forEach((from, to, w) => {
    if (from === startRow) {
      startProb[to] = w / (rowTotal[startRow] as number);
      return;
    }
    const e = fill[from] as number;
    fill[from] = e + 1;
    col[e] = to;
    prob[e] = w / (rowTotal[from] as number);
  });
  let absorbing = 0;
  for (let s = 0; s < size; s++) {
    if ((toConversion[s] as number) > 0) absorbing++;
    if ((toNull[s] as number) > 0) absorbing++;
    toConversion[s] = (toConversion[s] as number) / (rowTotal[s] as number);
  }
  return {
    chain: { size, rowStart, col, prob, toConversion },
    startProb,
    ...keyMembership(states, table.keys.length),
    transitions: edges + absorbing,
  };
}

/** For each key, the states whose window holds it (each state once per key). */
function keyMembership(states: SequenceIndex, keyCount: number): { keyStart: Int32Array; keyStates: Int32Array } {
  const stamp = new Int32Array(keyCount).fill(-1);
  const forEachKey = (visit: (key: number, state: number) => void): void => {
    stamp.fill(-1);
    for (let s = 0; s < states.count; s++) {
      for (let e = states.offsets[s] as number; e < (states.offsets[s + 1] as number); e++) {
        const k = states.data[e] as number;
        if (stamp[k] !== s) {
          stamp[k] = s;
          visit(k, s);
        }
      }
    }
  };
  const keyStart = new Int32Array(keyCount + 1);
  forEachKey((k) => {
    keyStart[k + 1] = (keyStart[k + 1] as number) + 1;
  });
  for (let k = 0; k < keyCount; k++) keyStart[k + 1] = (keyStart[k + 1] as number) + (keyStart[k] as number);
  const fill = keyStart.slice(0, keyCount);
  const keyStates = new Int32Array(keyStart[keyCount] as number);
  forEachKey((k, s) => {
    const e = fill[k] as number;
    fill[k] = e + 1;
    keyStates[e] = s;
  });
  return { keyStart, keyStates };
}

/** States in reverse breadth-first order from (start): successors are swept before predecessors. */
function sweepOrder(fitted: FittedChain): Int32Array {
  const { size, rowStart, col } = fitted.chain;
  const seen = new Uint8Array(size);
  const queue: number[] = [];
  for (let s = 0; s < size; s++) {
    if ((fitted.startProb[s] as number) > 0) {
      seen[s] = 1;
      queue.push(s);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head] as number;
    for (let e = rowStart[s] as number; e < (rowStart[s + 1] as number); e++) {
      const t = col[e] as number;
      if (seen[t] === 0) {
        seen[t] = 1;
        queue.push(t);
      }
    }
  }
  return Int32Array.from(queue.reverse());
}

export interface MarkovCredits {
  /** Share of the conversions per key id of the table (removal effect / Σ removal effects). */
  shares: Float64Array;
  details: MarkovDetails;
}

/**
 * Removal effects, solved exactly: P(conversion) is the absorption probability from (start),
 * and removing a key sends every transition into a state holding it to (null).
 */
export function markovShares(table: PathTable, order: number): MarkovCredits {
  if (!Number.isInteger(order) || order < 1 || order > MAX_MARKOV_ORDER) {
    throw new AppError('badRequest', `attribution: Markov order must be an integer from 1 to ${MAX_MARKOV_ORDER}`, { order });
  }
  const fitted = fitChain(table, order);
  const { chain, startProb } = fitted;
  const dense = chain.size <= DENSE_MAX_STATES;
  const sweeps = dense ? new Int32Array(0) : sweepOrder(fitted);
  let solver: MarkovDetails['solver'] = dense ? 'dense' : 'gauss-seidel';
  const solve = (mask: Uint8Array, warm?: Float64Array): Float64Array => {
    if (dense) return absorbDense(chain, mask);
    const x = absorbGaussSeidel(chain, mask, sweeps, warm);
    if (x) return x;
    if (chain.size <= DENSE_FALLBACK_MAX_STATES) {
      solver = 'dense';
      return absorbDense(chain, mask);
    }
    throw new AppError('internal', 'attribution: the Markov solve did not converge', { states: chain.size });
  };
  const conversionFrom = (x: Float64Array): number => {
    let p = 0;
    for (let s = 0; s < chain.size; s++) p += (startProb[s] as number) * (x[s] as number);
    return p;
  };
  const mask = new Uint8Array(chain.size);
  const base = solve(mask);
  const conversionProbability = conversionFrom(base);
  const keyCount = table.keys.length;
  const effects = new Float64Array(keyCount);
  if (conversionProbability > 0) {
    for (let k = 0; k < keyCount; k++) {
      const from = fitted.keyStart[k] as number;
      const to = fitted.keyStart[k + 1] as number;
      if (from === to) continue;
      mask.fill(0);
      for (let e = from; e < to; e++) mask[fitted.keyStates[e] as number] = 1;
      const removed = conversionFrom(solve(mask, base));
      effects[k] = Math.min(1, Math.max(0, 1 - removed / conversionProbability));
    }
  }
  let total = 0;
  for (let k = 0; k < keyCount; k++) total += effects[k] as number;
  const shares = new Float64Array(keyCount);
  if (total > 0) for (let k = 0; k < keyCount; k++) shares[k] = (effects[k] as number) / total;
  return {
    shares,
    details: {
      kind: 'markov',
      order,
      conversionProbability,
      removalEffects: table.keys.map((key, k) => ({ key, effect: effects[k] as number })).sort((a, b) => b.effect - a.effect),
      states: chain.size,
      transitions: fitted.transitions,
      solver,
    },
  };
}
