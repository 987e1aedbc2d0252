import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribute, attributePaths } from './attribute.ts';
import { ATTRIBUTION_MODELS, type AttributionModel, type AttributionOptions, type Journey } from './types.ts';

const touch = (channels: readonly string[]) =>
  fc.record({
    channel: fc.constantFrom(...channels),
    timeMs: fc.integer({ min: 0, max: 30 }).map((d) => d * 86_400_000),
    isLeadCreation: fc.boolean(),
    isOpportunityCreation: fc.boolean(),
    isClose: fc.boolean(),
  });

const journeysOf = (channels: readonly string[]) =>
  fc.array(
    fc.record({
      touchpoints: fc.array(touch(channels), { maxLength: 7 }),
      converted: fc.boolean(),
      value: fc.integer({ min: 0, max: 5000 }),
      count: fc.integer({ min: 1, max: 4 }),
    }),
    { minLength: 1, maxLength: 25 },
  );

const CHANNELS = ['Paid Search', 'Email', 'Organic', 'Direct', 'Social'];

/** Every model, plus the variants with options of their own. */
const RUNS: [AttributionModel, AttributionOptions][] = [
  ...ATTRIBUTION_MODELS.map((m): [AttributionModel, AttributionOptions] => [m, {}]),
  ['markov', { markovOrder: 2 }],
  ['markov', { markovOrder: 3 }],
  ['shapley', { shapley: { method: 'sampled', samples: 20 } }],
];

function expectedTotals(journeys: Journey[]): { conversions: number; value: number } {
  let conversions = 0;
  let value = 0;
  for (const j of journeys) {
    if (!j.converted) continue;
    conversions += j.count ?? 1;
    value += (j.count ?? 1) * j.value;
  }
  return { conversions, value };
}

describe.each(RUNS)('%s %j: invariants', (model, options) => {
  it('credits sum to the conversions and to the value', () => {
    fc.assert(
      fc.property(journeysOf(CHANNELS), (journeys) => {
        const result = attribute(model, journeys, options);
        const expected = expectedTotals(journeys);
        expect(result.totalConversions).toBe(expected.conversions);
        expect(result.totalValue).toBe(expected.value);
        const conversions = result.rows.reduce((a, r) => a + r.conversions, 0);
        const value = result.rows.reduce((a, r) => a + r.value, 0);
        expect(Math.abs(conversions - expected.conversions)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected.conversions));
        expect(Math.abs(value - expected.value)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected.value));
        for (const row of result.rows) expect(row.conversions).toBeGreaterThanOrEqual(-1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it('a channel that never appears gets nothing', () => {
    fc.assert(
      fc.property(journeysOf(['A', 'B', 'C']), (journeys) => {
        const result = attribute(model, journeys, options);
        const seen = new Set(journeys.flatMap((j) => (j.touchpoints.length === 0 ? ['(none)'] : j.touchpoints.map((t) => t.channel))));
        expect(result.rows.every((r) => seen.has(r.key))).toBe(true);
        expect(result.rows.find((r) => r.key === 'Z')).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  });
});

describe('data-driven invariants', () => {
  it.each([1, 2, 3])('Markov order %i with one channel gives it everything', (markovOrder) => {
    fc.assert(
      fc.property(journeysOf(['Only']), (journeys) => {
        const result = attribute('markov', journeys, { markovOrder });
        const touched = expectedTotals(journeys.filter((j) => j.touchpoints.length > 0));
        const only = result.rows.find((r) => r.key === 'Only');
        expect(only?.conversions ?? 0).toBeCloseTo(touched.conversions, 9);
        expect(only?.value ?? 0).toBeCloseTo(touched.value, 6);
      }),
      { numRuns: 60 },
    );
  });

  it.each(['markov', 'shapley', 'linear', 'u_shaped'] as const)(
    '%s: a path summary gives the same result as the journeys it summarises',
    (model) => {
      fc.assert(
        fc.property(journeysOf(['A', 'B', 'C']), (journeys) => {
          const rows = journeys.map((j) => {
            const path = [...j.touchpoints].sort((a, b) => a.timeMs - b.timeMs).map((t) => t.channel);
            const count = j.count ?? 1;
            return j.converted
              ? { path, conversions: count, nulls: 0, value: count * j.value }
              : { path, conversions: 0, nulls: count, value: 0 };
          });
          const fromJourneys = attribute(model, journeys);
          const fromPaths = attributePaths(model, rows);
          const byKey = new Map(fromPaths.rows.map((r) => [r.key, r]));
          for (const row of fromJourneys.rows) {
            expect(byKey.get(row.key)?.conversions ?? 0).toBeCloseTo(row.conversions, 9);
            expect(byKey.get(row.key)?.value ?? 0).toBeCloseTo(row.value, 6);
          }
        }),
        { numRuns: 60 },
      );
    },
  );
});
