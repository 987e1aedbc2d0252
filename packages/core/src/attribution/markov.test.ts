import { describe, expect, it } from 'vitest';
import { attributePaths } from './attribute.ts';
import { parsePathSummary } from './path-summary.ts';
import type { AttributionResult, MarkovDetails, PathSummaryRow } from './types.ts';

function paths(csv: string): PathSummaryRow[] {
  const parsed = parsePathSummary(csv);
  if (!parsed.value) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

function markov(rows: PathSummaryRow[], markovOrder = 1): { result: AttributionResult; details: MarkovDetails } {
  const result = attributePaths('markov', rows, { markovOrder });
  if (result.details?.kind !== 'markov') throw new Error('no Markov details');
  return { result, details: result.details };
}

function expectCredits(
  result: AttributionResult,
  expected: Record<string, number>,
  measure: 'conversions' | 'value' = 'conversions',
): void {
  for (const [key, value] of Object.entries(expected)) {
    expect(result.rows.find((r) => r.key === key)?.[measure], key).toBeCloseTo(value, 12);
  }
}

function expectEffects(details: MarkovDetails, expected: Record<string, number>): void {
  for (const [key, value] of Object.entries(expected)) {
    expect(details.removalEffects.find((r) => r.key === key)?.effect, key).toBeCloseTo(value, 12);
  }
}

describe('Markov removal effects, solved exactly', () => {
  it('reproduces the classic three-path example (Anderl et al.; the analyzecore/ChannelAttribution tutorial)', () => {
    // Paths: C1 > C2 > C3 converts; C1 and C2 > C3 do not.
    // Transitions: start→C1 2/3, start→C2 1/3; C1→C2 1/2, C1→null 1/2; C2→C3 1; C3→conv 1/2, C3→null 1/2.
    // P(conv) = 2/3·1/2·1·1/2 + 1/3·1·1/2 = 1/6 + 1/6 = 1/3.
    // Without C1: only start→C2→C3→conv survives: 1/6, effect 1 − (1/6)/(1/3) = 0.5.
    // Without C2 or C3 nothing converts: effect 1. Credits 0.5 : 1 : 1 → 0.2, 0.4, 0.4 of 1 conversion.
    const { result, details } = markov(paths('path,conversions,nulls,value\nC1 > C2 > C3,1,0,100\nC1,0,1,0\nC2 > C3,0,1,0\n'));
    expect(details.conversionProbability).toBeCloseTo(1 / 3, 12);
    expectEffects(details, { C1: 0.5, C2: 1, C3: 1 });
    expectCredits(result, { C1: 0.2, C2: 0.4, C3: 0.4 });
    expectCredits(result, { C1: 20, C2: 40, C3: 40 }, 'value');
    expect(details).toMatchObject({ order: 1, states: 3, solver: 'dense' });
  });

  it('a repeated channel (self-loop) changes nothing in order 1', () => {
    // A > A > B converts, B does not. ChannelAttribution collapses A > A to A, giving
    // start→A 1/2, start→B 1/2, A→B 1, B→conv 1/2, B→null 1/2: P = 1/2.
    // Kept as a self-loop, A→A 1/2 and A→B 1/2: x_A = x_A/2 + x_B/2, so x_A = x_B all the same.
    // Without A: 1/2·1/2 = 1/4, effect 1/2; without B: 0, effect 1. Credits 1/3 and 2/3.
    const withLoop = markov(paths('A > A > B,1,0\nB,0,1'));
    const collapsed = markov(paths('A > B,1,0\nB,0,1'));
    expectEffects(withLoop.details, { A: 0.5, B: 1 });
    expectCredits(withLoop.result, { A: 1 / 3, B: 2 / 3 });
    expect(withLoop.result.rows).toEqual(collapsed.result.rows);
  });

  // Paths: A > B > C converts, C > B > A does not, A converts.
  const cyclic = 'A > B > C,1,0\nC > B > A,0,1\nA,1,0';

  it('solves a first-order chain with cycles', () => {
    // start→A 2/3, start→C 1/3; A→B 1/3, A→conv 1/3, A→null 1/3; B→C 1/2, B→A 1/2; C→conv 1/2, C→B 1/2.
    // x_A = x_B/3 + 1/3, x_B = x_C/2 + x_A/2, x_C = 1/2 + x_B/2  ⇒  x_A = 4/7, x_B = 5/7, x_C = 6/7;
    // P = 2/3·4/7 + 1/3·6/7 = 2/3.
    // Without A: x_C = 1/2 + x_C/4 ⇒ 2/3, P = 2/9, effect 2/3.
    // Without B: x_A = 1/3, x_C = 1/2, P = 7/18, effect 5/12.
    // Without C: x_A = x_A/6 + 1/3 ⇒ 2/5, P = 4/15, effect 3/5.
    // Σ effects = 101/60; 2 conversions ⇒ A 80/101, B 50/101, C 72/101.
    const { result, details } = markov(paths(cyclic));
    expect(details.conversionProbability).toBeCloseTo(2 / 3, 12);
    expectEffects(details, { A: 2 / 3, B: 5 / 12, C: 3 / 5 });
    expectCredits(result, { A: 80 / 101, B: 50 / 101, C: 72 / 101 });
  });

  it('solves a second-order chain over the observed pairs', () => {
    // States are sliding windows of two channels; A alone is shorter than the order and is one state:
    // start→(A,B) 1/3 → (B,C) → conv; start→(C,B) 1/3 → (B,A) → null; start→(A) 1/3 → conv. P = 2/3.
    // Without A, every converting walk goes: P = 0, effect 1.
    // Without B, only (A) converts: P = 1/3, effect 1/2. Without C, likewise: effect 1/2.
    // Σ effects = 2 over 2 conversions ⇒ A 1, B 0.5, C 0.5.
    const { result, details } = markov(paths(cyclic), 2);
    expect(details).toMatchObject({ order: 2, states: 5 });
    expect(details.conversionProbability).toBeCloseTo(2 / 3, 12);
    expectEffects(details, { A: 1, B: 0.5, C: 0.5 });
    expectCredits(result, { A: 1, B: 0.5, C: 0.5 });
  });

  it('collapses repeated identical states in higher orders too, as ChannelAttribution does', () => {
    // Order 2: A > A > A > B has windows (A,A), (A,A), (A,B); the repeat collapses to (A,A) → (A,B).
    const longer = markov(paths('A > A > A > B,2,1\nB > A,0,1'), 2);
    const shorter = markov(paths('A > A > B,2,1\nB > A,0,1'), 2);
    expect(longer.result.rows).toEqual(shorter.result.rows);
    expect(longer.details.states).toBe(3);
  });

  it('one channel gets every conversion', () => {
    const { result, details } = markov(paths('A,3,5,30\nA > A,1,0,7'));
    expect(result.rows).toEqual([{ key: 'A', conversions: 4, value: 37 }]);
    expectEffects(details, { A: 1 });
  });

  it('no conversions: nothing to credit, effects 0', () => {
    const { result, details } = markov(paths('A > B,0,4'));
    expect(result.totalConversions).toBe(0);
    expect(result.rows.every((r) => r.conversions === 0 && r.value === 0)).toBe(true);
    expect(details.conversionProbability).toBe(0);
  });

  it('large state spaces use Gauss–Seidel and keep full precision', () => {
    // K1 > … > K100 converts and K1 alone does not: every channel is on the only converting walk,
    // so every removal effect is 1 and each channel gets 1/100 of the conversion.
    const chain = Array.from({ length: 100 }, (_, i) => `K${i + 1}`).join(' > ');
    const { result, details } = markov(paths(`${chain},1,0\nK1,0,1`));
    expect(details.solver).toBe('gauss-seidel');
    expect(details.conversionProbability).toBeCloseTo(0.5, 12);
    for (const row of result.rows) expect(row.conversions).toBeCloseTo(0.01, 12);
  });

  it('refuses an order outside 1..6', () => {
    expect(() => markov(paths('A,1,0'), 0)).toThrow(/order/);
    expect(() => markov(paths('A,1,0'), 1.5)).toThrow(/order/);
  });
});
