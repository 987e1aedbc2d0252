import { describe, expect, it } from 'vitest';
import { attribute, attributePaths, compareModels, isAttributionModel } from './attribute.ts';
import { ATTRIBUTION_MODELS, type AttributionResult, type Journey, type Touchpoint } from './types.ts';

const DAY = 86_400_000;

function journey(channels: string[], value = 1, extra: Partial<Journey> = {}): Journey {
  return { touchpoints: channels.map((channel, i) => ({ channel, timeMs: i * DAY })), converted: true, value, ...extra };
}

function credit(result: AttributionResult, key: string): { conversions: number; value: number } | undefined {
  const row = result.rows.find((r) => r.key === key);
  return row && { conversions: row.conversions, value: row.value };
}

describe('attribute: journeys', () => {
  it('repeated touches of a channel are separate positions; the channel collects all of them', () => {
    const journeys = [journey(['A', 'B', 'A'], 300)];
    // Linear: A holds two of three positions.
    expect(credit(attribute('linear', journeys), 'A')).toEqual({ conversions: 2 / 3, value: 200 });
    // U-shaped: A is first (40) and last (40), B the middle (20).
    const u = attribute('u_shaped', journeys);
    expect(credit(u, 'A')?.conversions).toBeCloseTo(0.8, 12);
    expect(credit(u, 'B')?.value).toBeCloseTo(60, 9);
  });

  it.each(ATTRIBUTION_MODELS)('%s: a single-touch journey gives its channel everything', (model) => {
    const result = attribute(model, [journey(['Email'], 250)]);
    expect(result.rows).toEqual([{ key: 'Email', conversions: 1, value: 250 }]);
  });

  it.each(ATTRIBUTION_MODELS)('%s: journeys without touches are credited to (none)', (model) => {
    const journeys = [journey([], 40), journey(['A'], 10), { touchpoints: [], converted: false, value: 0 }];
    const result = attribute(model, journeys);
    expect(credit(result, '(none)')).toEqual({ conversions: 1, value: 40 });
    expect(credit(result, 'A')).toEqual({ conversions: 1, value: 10 });
    expect(result.totalConversions).toBe(2);
    expect(result.totalValue).toBe(50);
  });

  it('ties in time keep the input order', () => {
    const tied: Journey = {
      touchpoints: [
        { channel: 'B', timeMs: 5 },
        { channel: 'A', timeMs: 5 },
      ],
      converted: true,
      value: 1,
    };
    expect(attribute('first_touch', [tied]).rows[0]?.key).toBe('B');
    expect(attribute('last_touch', [tied]).rows[0]?.key).toBe('A');
  });

  it('touches out of time order are ordered by time first', () => {
    const unordered: Journey = {
      touchpoints: [
        { channel: 'Late', timeMs: 20 },
        { channel: 'Early', timeMs: 10 },
        { channel: 'Tie', timeMs: 20 },
      ],
      converted: true,
      value: 1,
    };
    expect(attribute('first_touch', [unordered]).rows[0]?.key).toBe('Early');
    // Late and Tie share a time: input order puts Tie last.
    expect(attribute('last_touch', [unordered]).rows[0]?.key).toBe('Tie');
  });

  it('count weighs a journey as that many identical journeys', () => {
    const result = attribute('linear', [journey(['A', 'B'], 10, { count: 3 })]);
    expect(credit(result, 'A')).toEqual({ conversions: 1.5, value: 15 });
    expect(result.totalConversions).toBe(3);
    expect(result.totalValue).toBe(30);
  });

  it('non-converting journeys list their keys with zero credit under rule-based models', () => {
    const result = attribute('first_touch', [journey(['A']), { touchpoints: [{ channel: 'B', timeMs: 0 }], converted: false, value: 0 }]);
    expect(result.rows).toEqual([
      { key: 'A', conversions: 1, value: 1 },
      { key: 'B', conversions: 0, value: 0 },
    ]);
  });

  it('credits by campaign, with empty values as (not set)', () => {
    const touches: Touchpoint[] = [
      { channel: 'Paid Search', campaign: 'spring', timeMs: 0 },
      { channel: 'Email', timeMs: 1 },
    ];
    const result = attribute('linear', [{ touchpoints: touches, converted: true, value: 2 }], { dimension: 'campaign' });
    expect(result.dimension).toBe('campaign');
    expect(credit(result, 'spring')).toEqual({ conversions: 0.5, value: 1 });
    expect(credit(result, '(not set)')).toEqual({ conversions: 0.5, value: 1 });
  });

  it('rejects a non-positive half-life', () => {
    expect(() => attribute('time_decay', [journey(['A'])], { halfLifeMs: 0 })).toThrow(/half-life/);
  });

  it('compareModels returns one result per model, in order', () => {
    const journeys = [journey(['A', 'B']), journey(['B'])];
    const results = compareModels(['first_touch', 'markov', 'shapley'], journeys);
    expect(results.map((r) => r.model)).toEqual(['first_touch', 'markov', 'shapley']);
    expect(results[2]).toEqual(attribute('shapley', journeys));
  });

  it('isAttributionModel recognises the model names', () => {
    expect(isAttributionModel('w_shaped')).toBe(true);
    expect(isAttributionModel('z_shaped')).toBe(false);
  });
});

describe('attributePaths: path summaries', () => {
  const rows = [
    { path: ['A', 'B'], conversions: 2, nulls: 1, value: 50 },
    { path: ['B'], conversions: 1, nulls: 0, value: 10 },
    { path: [], conversions: 1, nulls: 0, value: 5 },
  ];

  it('runs position models over the paths', () => {
    const result = attributePaths('last_touch', rows);
    expect(credit(result, 'B')).toEqual({ conversions: 3, value: 60 });
    expect(credit(result, 'A')).toEqual({ conversions: 0, value: 0 });
    expect(credit(result, '(none)')).toEqual({ conversions: 1, value: 5 });
    expect(result.totalConversions).toBe(4);
    expect(result.totalValue).toBe(65);
  });

  it.each(['time_decay', 'u_shaped_milestone', 'w_shaped', 'full_path'] as const)(
    'refuses %s, which needs touch times or milestones',
    (model) => {
      expect(() => attributePaths(model, rows)).toThrow(/path summary/);
    },
  );
});
