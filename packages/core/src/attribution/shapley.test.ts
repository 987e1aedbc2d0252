import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributePaths } from './attribute.ts';
import type { AttributionResult, PathSummaryRow } from './types.ts';

/**
 * Shapley by its definition: φ_j = Σ_{S ⊆ N∖{j}} |S|!(n−|S|−1)!/n! · (v(S ∪ {j}) − v(S)),
 * with v(S) = Σ over rows whose channel set lies inside S. Exponential; for small n only.
 */
function bruteForceShapley(rows: PathSummaryRow[], measure: 'conversions' | 'value'): Map<string, number> {
  const players = [...new Set(rows.flatMap((r) => (r.conversions > 0 ? r.path : [])))].sort();
  const n = players.length;
  const masks = rows
    .filter((r) => r.conversions > 0 && r.path.length > 0)
    .map((r) => ({ mask: r.path.reduce((m, ch) => m | (1 << players.indexOf(ch)), 0), worth: r[measure] }));
  const v = (set: number): number => masks.reduce((sum, { mask, worth }) => ((mask & set) === mask ? sum + worth : sum), 0);
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const result = new Map<string, number>();
  players.forEach((player, j) => {
    let phi = 0;
    for (let set = 0; set < 1 << n; set++) {
      if (set & (1 << j)) continue;
      let size = 0;
      for (let b = set; b; b &= b - 1) size++;
      phi += ((factorial(size) * factorial(n - size - 1)) / factorial(n)) * (v(set | (1 << j)) - v(set));
    }
    result.set(player, phi);
  });
  return result;
}

function creditOf(result: AttributionResult, key: string): number | undefined {
  return result.rows.find((r) => r.key === key)?.conversions;
}

describe('Shapley value, v(S) = conversions of journeys whose channel set lies inside S', () => {
  it('reproduces the Facebook / Organic / LinkedIn example of the data-driven attribution tutorials', () => {
    // 100 conversions by channel set (F 20, O 10, L 17, F+O 17, F+L 30, L+O 0, F+L+O 6), so
    // v(F) = 20, v(F+O) = 47, v(F+L) = 67, v(L+O) = 27, v(F+L+O) = 100 — the worth table of the
    // published example (0.2, 0.1, 0.17, 0.47, 0.67, 0.27, 1.0 as shares). Its Shapley values:
    // F = 20 + 17/2 + 30/2 + 6/3 = 45.5, O = 10 + 17/2 + 6/3 = 20.5, L = 17 + 30/2 + 6/3 = 34.
    const rows: PathSummaryRow[] = [
      { path: ['F'], conversions: 20, nulls: 0, value: 20 },
      { path: ['O'], conversions: 10, nulls: 0, value: 10 },
      { path: ['L'], conversions: 17, nulls: 0, value: 17 },
      { path: ['O', 'F'], conversions: 17, nulls: 0, value: 17 },
      { path: ['L', 'F'], conversions: 30, nulls: 0, value: 30 },
      { path: ['F', 'L', 'O'], conversions: 6, nulls: 0, value: 6 },
    ];
    const credits = Object.fromEntries(attributePaths('shapley', rows).rows.map((r) => [r.key, r.conversions]));
    expect(credits.F).toBeCloseTo(45.5, 12);
    expect(credits.O).toBeCloseTo(20.5, 12);
    expect(credits.L).toBeCloseTo(34, 12);
  });

  // Channel sets and conversions: {A} 10, {A,B} 20, {A,B,C} 30, {B,C} 12. Order and repeats do
  // not matter: B > A is the set {A,B}; A > B > C > A is {A,B,C}.
  const rows: PathSummaryRow[] = [
    { path: ['A'], conversions: 10, nulls: 5, value: 10 },
    { path: ['B', 'A'], conversions: 20, nulls: 0, value: 20 },
    { path: ['A', 'B', 'C', 'A'], conversions: 30, nulls: 0, value: 30 },
    { path: ['C', 'B'], conversions: 12, nulls: 40, value: 12 },
  ];

  it('matches a three-channel example worked by hand over all coalitions', () => {
    // v(∅)=0, v(A)=10, v(B)=v(C)=0, v(AB)=30, v(AC)=10, v(BC)=12, v(ABC)=72. Weights 1/3, 1/6, 1/6, 1/3:
    // φ_A = 10/3 + 30/6 + 10/6 + (72−12)/3 = 30
    // φ_B = 0/3 + (30−10)/6 + 12/6 + (72−10)/3 = 26
    // φ_C = 0/3 + (10−10)/6 + 12/6 + (72−30)/3 = 16
    // Closed form: A = 10 + 20/2 + 30/3 = 30, B = 20/2 + 30/3 + 12/2 = 26, C = 30/3 + 12/2 = 16.
    const result = attributePaths('shapley', rows);
    expect(creditOf(result, 'A')).toBeCloseTo(30, 12);
    expect(creditOf(result, 'B')).toBeCloseTo(26, 12);
    expect(creditOf(result, 'C')).toBeCloseTo(16, 12);
    expect(result.details).toEqual({ kind: 'shapley', method: 'exact', players: 3 });
  });

  it('the brute-force definition gives the same numbers', () => {
    const brute = bruteForceShapley(rows, 'conversions');
    expect(brute.get('A')).toBeCloseTo(30, 12);
    expect(brute.get('B')).toBeCloseTo(26, 12);
    expect(brute.get('C')).toBeCloseTo(16, 12);
  });

  it('equals the brute-force Shapley value on random inputs, for conversions and value', () => {
    const channels = ['A', 'B', 'C', 'D', 'E', 'F'];
    const row = fc.record({
      path: fc.array(fc.constantFrom(...channels), { minLength: 1, maxLength: 7 }),
      conversions: fc.integer({ min: 0, max: 20 }),
      nulls: fc.integer({ min: 0, max: 5 }),
      value: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), (generated) => {
        const input = generated.map((r) => ({ ...r, value: r.conversions === 0 ? 0 : r.value }));
        const result = attributePaths('shapley', input);
        for (const measure of ['conversions', 'value'] as const) {
          for (const [key, phi] of bruteForceShapley(input, measure)) {
            const got = result.rows.find((r) => r.key === key)?.[measure];
            expect(Math.abs((got ?? Number.NaN) - phi)).toBeLessThan(1e-9 * Math.max(1, Math.abs(phi)));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('sampled: estimates sum exactly to the totals and the 95% intervals cover the exact values', () => {
    const result = attributePaths('shapley', rows, { shapley: { method: 'sampled', samples: 4000, seed: 7 } });
    expect(result.details).toMatchObject({ kind: 'shapley', method: 'sampled', samples: 4000, seed: 7, players: 3 });
    const sum = result.rows.reduce((a, r) => a + r.conversions, 0);
    expect(sum).toBeCloseTo(72, 9);
    const intervals = result.details?.kind === 'shapley' ? (result.details.intervals ?? []) : [];
    const exact = { A: 30, B: 26, C: 16 };
    for (const { key, conversions } of intervals) {
      // Seeded, so this is deterministic; the half-width is about 1 here.
      expect(conversions[0]).toBeLessThanOrEqual(exact[key as keyof typeof exact]);
      expect(conversions[1]).toBeGreaterThanOrEqual(exact[key as keyof typeof exact]);
      expect(conversions[1] - conversions[0]).toBeLessThan(3);
    }
    expect(intervals.map((i) => i.key).sort()).toEqual(['A', 'B', 'C']);
  });

  it('sampled with the same seed repeats exactly', () => {
    const options = { shapley: { method: 'sampled' as const, samples: 50, seed: 3 } };
    expect(attributePaths('shapley', rows, options)).toEqual(attributePaths('shapley', rows, options));
  });

  it('sampled refuses fewer than two samples', () => {
    expect(() => attributePaths('shapley', rows, { shapley: { method: 'sampled', samples: 1 } })).toThrow(/at least 2/);
  });

  it('stays exact with many channels (the closed form is linear in the paths)', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ path: [`C${i}`, `C${(i + 1) % 40}`], conversions: 1, nulls: 0, value: 1 }));
    const result = attributePaths('shapley', many);
    for (const row of result.rows) expect(row.conversions).toBeCloseTo(1, 12);
  });
});
