import { AppError } from '../errors/app-error.ts';

/**
 * The transient part of an absorbing Markov chain: Q in CSR form, plus each state's one-step
 * probability of conversion. Whatever a row does not spend on Q or conversion goes to null.
 */
export interface TransientChain {
  size: number;
  rowStart: Int32Array;
  col: Int32Array;
  prob: Float64Array;
  toConversion: Float64Array;
}

/** Solves A x = b by Gaussian elimination with partial pivoting; A is n×n row-major and is overwritten. */
export function solveDense(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let k = 0; k < n; k++) {
    let pivot = k;
    let best = Math.abs(a[k * n + k] as number);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k] as number);
      if (v > best) {
        best = v;
        pivot = i;
      }
    }
    if (best < 1e-300) throw new AppError('internal', 'attribution: singular system in the Markov solve');
    if (pivot !== k) {
      for (let j = k; j < n; j++) {
        const t = a[k * n + j] as number;
        a[k * n + j] = a[pivot * n + j] as number;
        a[pivot * n + j] = t;
      }
      const t = b[k] as number;
      b[k] = b[pivot] as number;
      b[pivot] = t;
    }
    const akk = a[k * n + k] as number;
    for (let i = k + 1; i < n; i++) {
      const f = (a[i * n + k] as number) / akk;
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j] = (a[i * n + j] as number) - f * (a[k * n + j] as number);
      b[i] = (b[i] as number) - f * (b[k] as number);
    }
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i] as number;
    for (let j = i + 1; j < n; j++) s -= (a[i * n + j] as number) * (x[j] as number);
    x[i] = s / (a[i * n + i] as number);
  }
  return x;
}

/**
 * P(conversion) from every state, with the masked states made absorbing into null:
 * x = Q x + r on the unmasked states, i.e. (I − Q) x = r, solved densely. Elimination leaves
 * rounding of a few ulps, which can put a state that never converts at −1e-15; each value is
 * a probability, so it is clamped to [0, 1].
 */
export function absorbDense(chain: TransientChain, mask: Uint8Array): Float64Array {
  const local = new Int32Array(chain.size).fill(-1);
  let n = 0;
  for (let s = 0; s < chain.size; s++) if (mask[s] === 0) local[s] = n++;
  const a = new Float64Array(n * n);
  const b = new Float64Array(n);
  for (let s = 0; s < chain.size; s++) {
    const i = local[s] as number;
    if (i < 0) continue;
    a[i * n + i] = 1;
    b[i] = chain.toConversion[s] as number;
    for (let e = chain.rowStart[s] as number; e < (chain.rowStart[s + 1] as number); e++) {
      const j = local[chain.col[e] as number] as number;
      if (j >= 0) a[i * n + j] = (a[i * n + j] as number) - (chain.prob[e] as number);
    }
  }
  const solved = solveDense(a, b, n);
  const x = new Float64Array(chain.size);
  for (let s = 0; s < chain.size; s++) {
    const i = local[s] as number;
    if (i >= 0) x[s] = Math.min(1, Math.max(0, solved[i] as number));
  }
  return x;
}

export const RESIDUAL_TOLERANCE = 1e-13;
const MAX_SWEEPS = 20_000;

/**
 * Same system by Gauss–Seidel, for large state spaces. I − Q is a non-singular M-matrix (Q ≥ 0
 * and every state reaches an absorbing state, so ρ(Q) < 1), hence Gauss–Seidel converges
 * (Stein–Rosenberg). Sweeping successors before predecessors (`sweepOrder`) makes near-acyclic
 * chains converge in a few sweeps. Stops at max residual ≤ 1e-13; the error is then at most
 * that times the largest expected number of steps to absorption.
 * Returns undefined when it has not converged within the sweep budget.
 */
export function absorbGaussSeidel(
  chain: TransientChain,
  mask: Uint8Array,
  sweepOrder: Int32Array,
  start?: Float64Array,
): Float64Array | undefined {
  const { rowStart, col, prob, toConversion } = chain;
  const x = start ? Float64Array.from(start) : new Float64Array(chain.size);
  for (let s = 0; s < chain.size; s++) if (mask[s] !== 0) x[s] = 0;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let residual = 0;
    for (let k = 0; k < sweepOrder.length; k++) {
      const s = sweepOrder[k] as number;
      if (mask[s] !== 0) continue;
      let sum = toConversion[s] as number;
      let self = 0;
      for (let e = rowStart[s] as number; e < (rowStart[s + 1] as number); e++) {
        const t = col[e] as number;
        if (t === s) self += prob[e] as number;
        else if (mask[t] === 0) sum += (prob[e] as number) * (x[t] as number);
      }
      const next = sum / (1 - self);
      // Residual of the equation for s, measured before the update.
      const r = Math.abs(sum + self * (x[s] as number) - (x[s] as number));
      if (r > residual) residual = r;
      x[s] = next;
    }
    if (residual <= RESIDUAL_TOLERANCE) return x;
  }
  return undefined;
}
