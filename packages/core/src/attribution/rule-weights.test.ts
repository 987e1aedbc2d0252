import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleWeights } from './rule-weights.ts';
import { RULE_MODELS, type RuleModel, type Touchpoint } from './types.ts';

const DAY = 86_400_000;

/** Touches A, B, C… one day apart; `flags` marks milestones by letter. */
function touches(channels: string, flags: { lead?: string; opp?: string; close?: string } = {}): Touchpoint[] {
  return [...channels].map((channel, i) => ({
    channel,
    timeMs: i * DAY,
    isLeadCreation: channel === flags.lead,
    isOpportunityCreation: channel === flags.opp,
    isClose: channel === flags.close,
  }));
}

describe('ruleWeights: hand-worked shares', () => {
  it.each<[string, RuleModel, Touchpoint[], number[]]>([
    ['first touch', 'first_touch', touches('ABCD'), [1, 0, 0, 0]],
    ['last touch', 'last_touch', touches('ABCD'), [0, 0, 0, 1]],
    ['linear', 'linear', touches('ABCD'), [0.25, 0.25, 0.25, 0.25]],
    // Position-based 40/20/40: the two middle touches split 20.
    ['u-shaped 4 touches', 'u_shaped', touches('ABCD'), [0.4, 0.1, 0.1, 0.4]],
    ['u-shaped 2 touches: 50/50', 'u_shaped', touches('AB'), [0.5, 0.5]],
    ['u-shaped 3 touches', 'u_shaped', touches('ABC'), [0.4, 0.2, 0.4]],
    ['j-shaped 4 touches: 20/60, middle 20', 'j_shaped', touches('ABCD'), [0.2, 0.1, 0.1, 0.6]],
    // Two touches: 20 and 60 share the whole in proportion, 20/80 = 25%, 60/80 = 75%.
    ['j-shaped 2 touches: 25/75', 'j_shaped', touches('AB'), [0.25, 0.75]],
    ['inverse J 4 touches: 60/20, middle 20', 'inverse_j', touches('ABCD'), [0.6, 0.1, 0.1, 0.2]],
    ['inverse J 2 touches: 75/25', 'inverse_j', touches('AB'), [0.75, 0.25]],
    // HubSpot U-shaped: 40 first, 40 lead creation, 20 the others (B and D).
    ['U milestone, lead on C', 'u_shaped_milestone', touches('ABCD', { lead: 'C' }), [0.4, 0.1, 0.4, 0.1]],
    // First touch is also the lead creation touch: it takes both shares, 80; the others 20/3 each.
    ['U milestone, first = lead', 'u_shaped_milestone', touches('ABCD', { lead: 'A' }), [0.8, 0.2 / 3, 0.2 / 3, 0.2 / 3]],
    ['U milestone, single touch is first and lead', 'u_shaped_milestone', touches('A', { lead: 'A' }), [1]],
    // W-shaped: 30 first, 30 lead, 30 opportunity, 10 split by D and E.
    ['W-shaped', 'w_shaped', touches('ABCDE', { lead: 'B', opp: 'C' }), [0.3, 0.3, 0.3, 0.05, 0.05]],
    ['W-shaped, three milestone touches only: 1/3 each', 'w_shaped', touches('ABC', { lead: 'B', opp: 'C' }), [1 / 3, 1 / 3, 1 / 3]],
    // First = lead: A holds 60, C 30; the 10 goes to B and D.
    ['W-shaped, first = lead', 'w_shaped', touches('ABCD', { lead: 'A', opp: 'C' }), [0.6, 0.05, 0.3, 0.05]],
    // No opportunity touch: its 30 goes to first and lead in proportion (45/45); others keep 10.
    ['W-shaped, no opportunity touch', 'w_shaped', touches('ABCD', { lead: 'B' }), [0.45, 0.45, 0.05, 0.05]],
    // Two touches, B is lead and opportunity: 30:60 of the whole.
    ['W-shaped, B holds lead and opportunity', 'w_shaped', touches('AB', { lead: 'B', opp: 'B' }), [1 / 3, 2 / 3]],
    // Full path: 22.5 on first, lead, opportunity and close; D and F share 10.
    ['full path', 'full_path', touches('ABCDEF', { lead: 'B', opp: 'C', close: 'E' }), [0.225, 0.225, 0.225, 0.05, 0.225, 0.05]],
    ['full path, four milestone touches only', 'full_path', touches('ABCD', { lead: 'B', opp: 'C', close: 'D' }), [0.25, 0.25, 0.25, 0.25]],
    // Without milestone flags only the first touch holds a role: it takes 90, the others 10.
    ['full path without flags', 'full_path', touches('ABC'), [0.9, 0.05, 0.05]],
  ])('%s', (_name, model, journey, expected) => {
    const weights = ruleWeights(model, journey);
    expect(weights).toHaveLength(expected.length);
    for (const [i, w] of weights.entries()) expect(w).toBeCloseTo(expected[i] as number, 12);
  });

  it('time decay: 2^(−age / 7 days), normalised; ties weigh the same', () => {
    // Ages from the last touch: 14, 7, 0, 0 days → weights 1/4, 1/2, 1, 1 (sum 11/4).
    const journey = [0, 7, 14, 14].map((day, i) => ({ channel: 'ABCD'[i] as string, timeMs: day * DAY }));
    const expected = [1 / 11, 2 / 11, 4 / 11, 4 / 11];
    for (const [i, w] of ruleWeights('time_decay', journey).entries()) expect(w).toBeCloseTo(expected[i] as number, 12);
  });

  it('time decay honours a custom half-life', () => {
    const journey = [
      { channel: 'A', timeMs: 0 },
      { channel: 'B', timeMs: DAY },
    ];
    // Half-life of one day: weights 1/2 and 1 → 1/3, 2/3.
    const [a, b] = ruleWeights('time_decay', journey, DAY);
    expect(a).toBeCloseTo(1 / 3, 12);
    expect(b).toBeCloseTo(2 / 3, 12);
  });

  it('time decay does not collapse for touches years before the last one', () => {
    const journey = [
      { channel: 'A', timeMs: 0 },
      { channel: 'B', timeMs: 40 * 365 * DAY },
    ];
    expect(ruleWeights('time_decay', journey)).toEqual([0, 1]);
  });

  it.each<[string, Touchpoint[], number[]]>([
    [
      'skips trailing Direct touches',
      [
        { channel: 'Email', timeMs: 0 },
        { channel: 'Direct', timeMs: 1 },
        { channel: '(direct)', timeMs: 2 },
      ],
      [1, 0, 0],
    ],
    [
      'all Direct: the last Direct touch',
      [
        { channel: 'Direct', timeMs: 0 },
        { channel: 'Direct', timeMs: 1 },
      ],
      [0, 1],
    ],
    [
      'isDirect overrides the channel name',
      [
        { channel: 'Paid Search', timeMs: 0 },
        { channel: 'Partner', timeMs: 1, isDirect: true },
      ],
      [1, 0],
    ],
    [
      'a Direct-named channel marked not direct counts',
      [
        { channel: 'Email', timeMs: 0 },
        { channel: 'Direct', timeMs: 1, isDirect: false },
      ],
      [0, 1],
    ],
  ])('last non-direct touch %s', (_name, journey, expected) => {
    expect(ruleWeights('last_non_direct', journey)).toEqual(expected);
  });

  it.each(RULE_MODELS)('%s gives a single touch everything', (model) => {
    expect(ruleWeights(model, touches('A'))).toEqual([1]);
  });

  it.each(RULE_MODELS)('%s: the shares of any journey are non-negative and sum to 1', (model) => {
    const touch = fc.record({
      channel: fc.constantFrom('A', 'B', 'Direct'),
      timeMs: fc.integer({ min: 0, max: 200 * DAY }),
      isLeadCreation: fc.boolean(),
      isOpportunityCreation: fc.boolean(),
      isClose: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(touch, { minLength: 1, maxLength: 12 }), (list) => {
        const ordered = [...list].sort((a, b) => a.timeMs - b.timeMs);
        const weights = ruleWeights(model, ordered);
        expect(weights.every((w) => w >= 0)).toBe(true);
        expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      }),
    );
  });
});
