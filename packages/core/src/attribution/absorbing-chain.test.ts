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

describe('absorbing chain solvers', () => {
  it('solveDense solves a system that needs pivoting', () => {
    // [0 1; 2 1] x = [1; 4] ⇒ x = [1.5, 1].
    const x = solveDense(Float64Array.from([0, 1, 2, 1]), Float64Array.from([1, 4]), 2);
    expect(Array.from(x)).toEqual([1.5, 1]);
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
          const steps = absorbDense({ ...chain, toConversion: new Float64Array(chain.size).fill(1) }, mask);
          const bound = 2 * RESIDUAL_TOLERANCE * Math.max(1, ...steps) + 1e-15;
          expect(bound).toBeLessThan(1e-9);
          dense.forEach((x, s) => {
            expect(x).toBeGreaterThanOrEqual(-1e-15);
            expect(Math.abs(x - (iterative?.[s] ?? Number.NaN))).toBeLessThan(bound);
            if (mask[s]) expect(x).toBe(0);
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});
