import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absorbDense, absorbGaussSeidel, RESIDUAL_TOLERANCE, solveDense, type TransientChain } from './absorbing-chain.ts';

/** A random chain: each state has a few weighted edges plus an exit (conversion or null) weight > 0. */
const chainArbitrary = fc.integer({ min: 1, max: 40 }).chain((size) =>
  fc
    .array(
      fc.record({
        edges: fc.array(fc.tuple(fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 1, max: 50 })), { maxLength: 6 }),
        conversion: fc.integer({ min: 0, max: 10 }),
        nulls: fc.integer({ min: 1, max: 10 }),
      }),
      { minLength: size, maxLength: size },
    )
    .map((rows): TransientChain => {
      const rowStart = new Int32Array(size + 1);
      const col: number[] = [];
      const prob: number[] = [];
      const toConversion = new Float64Array(size);
      rows.forEach((row, s) => {
        const total = row.edges.reduce((a, [, w]) => a + w, 0) + row.conversion + row.nulls;
        for (const [to, w] of row.edges) {
          col.push(to);
          prob.push(w / total);
        }
        toConversion[s] = row.conversion / total;
        rowStart[s + 1] = col.length;
      });
      return { size, rowStart, col: Int32Array.from(col), prob: Float64Array.from(prob), toConversion };
    }),
);

/** Expected steps to absorption from each unmasked state: (I − Q) t = 1, solved densely. */
function expectedSteps(chain: TransientChain, mask: Uint8Array): number[] {
  const kept = Array.from({ length: chain.size }, (_, s) => s).filter((s) => mask[s] === 0);
  const n = kept.length;
  const a = new Float64Array(n * n);
  kept.forEach((s, i) => {
    a[i * n + i] = 1;
    for (let e = chain.rowStart[s] as number; e < (chain.rowStart[s + 1] as number); e++) {
      const j = kept.indexOf(chain.col[e] as number);
      if (j >= 0) a[i * n + j] = (a[i * n + j] as number) - (chain.prob[e] as number);
    }
  });
  return Array.from(solveDense(a, new Float64Array(n).fill(1), n));
}

describe('absorbing chain solvers', () => {
  it('solveDense solves a system that needs pivoting', () => {
    // [0 1; 2 1] x = [1; 4] ⇒ x = [1.5, 1].
    const x = solveDense(Float64Array.from([0, 1, 2, 1]), Float64Array.from([1, 4]), 2);
    expect(Array.from(x)).toEqual([1.5, 1]);
  });

  it('never answers a negative probability where elimination rounds below zero', () => {
    // A chain fast-check found. State 11 loops on itself (40/41) and otherwise drops to null, so
    // it never converts; elimination left it at −1.26e-15 before absorbDense clamped to [0, 1].
    const chain: TransientChain = {
      size: 33,
      rowStart: Int32Array.from([
        0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 7, 9, 9, 9, 9, 9, 12, 12, 17, 17, 17, 17, 17, 22,
      ]),
      col: Int32Array.from([20, 24, 0, 11, 0, 0, 11, 0, 0, 4, 19, 0, 25, 15, 4, 20, 19, 0, 19, 0, 0, 0]),
      prob: Float64Array.from([
        0.1, 0.6818181818181818, 0.7894736842105263, 0.975609756097561, 0.16666666666666666, 0.041666666666666664, 0.5416666666666666,
        0.16666666666666666, 0.5, 0.4083333333333333, 0.23333333333333334, 0.25833333333333336, 0.14754098360655737, 0.03278688524590164,
        0.22950819672131148, 0.319672131147541, 0.21311475409836064, 0.1945945945945946, 0.23243243243243245, 0.22162162162162163,
        0.22162162162162163, 0.11891891891891893,
      ]),
      toConversion: Float64Array.from([
        0, 0, 0, 0, 0.9, 0.045454545454545456, 0, 0, 0, 0.15789473684210525, 0, 0, 0, 0, 0, 0.8, 0, 0, 0.8571428571428571, 0.125,
        0.23333333333333334, 0, 0, 0, 0, 0.05, 0, 0.04918032786885246, 0, 0, 0, 0, 0.005405405405405406,
      ]),
    };
    const x = absorbDense(chain, new Uint8Array(chain.size));
    expect(x[11]).toBe(0);
    expect(Math.min(...x)).toBe(0);
    expect(Math.max(...x)).toBeLessThanOrEqual(1);
    // State 4 has no edges: it converts with 0.9 and otherwise drops to null.
    expect(x[4]).toBe(0.9);
  });

  it('Gauss–Seidel agrees with the dense solve within its documented bound, with and without removed states', () => {
    fc.assert(
      fc.property(chainArbitrary, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (chain, removed) => {
        const order = Int32Array.from({ length: chain.size }, (_, i) => chain.size - 1 - i);
        for (const mask of [new Uint8Array(chain.size), Uint8Array.from(removed.slice(0, chain.size), Number)]) {
          const dense = absorbDense(chain, mask);
          const iterative = absorbGaussSeidel(chain, mask, order);
          expect(iterative).toBeDefined();
          // Error ≤ residual tolerance × expected steps to absorption: (I − Q) t = 1.
          const steps = expectedSteps(chain, mask);
          const bound = 2 * RESIDUAL_TOLERANCE * Math.max(1, ...steps) + 1e-15;
          expect(bound).toBeLessThan(1e-9);
          dense.forEach((x, s) => {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(1);
            expect(Math.abs(x - (iterative?.[s] ?? Number.NaN))).toBeLessThan(bound);
            if (mask[s]) expect(x).toBe(0);
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});
