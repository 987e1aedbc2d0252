import { describe, expect, it } from 'vitest';
import { cacAboveLtv, largestChange, risingTrend } from './insight-rules.ts';

describe('CAC above LTV', () => {
  it.each([
    [500, 400, true, 0.8],
    [300, 900, false, 3],
    [null, 900, false, null],
    [0, 900, false, null],
  ])('cac %s, ltv %s', (cac, ltv, holds, ratio) => {
    const result = cacAboveLtv(cac, ltv);
    expect(result.holds).toBe(holds);
    if (ratio === null) expect(result.ratio).toBeNull();
    else expect(result.ratio).toBeCloseTo(ratio);
  });
});

describe('rising trend', () => {
  it.each([
    [[10, 20, 22, 25], {}, true, 25 / 20 - 1],
    [[50, 20, 21, 21.5], {}, false, 1.5 / 20], // rose, but by less than 10 %
    [[20, 25, 24, 30], {}, false, 30 / 25 - 1], // fell in between
    [[20, null, 25, 30], {}, false, null],
    [[20, 25, 30], { steps: 3 }, false, null],
    [[10, 11, 12, 13], { steps: 3, minRise: 0.3 }, true, 0.3],
  ] as const)('%j %j', (values, options, rising, rise) => {
    const result = risingTrend(values, options);
    expect(result.rising).toBe(rising);
    if (rise === null) expect(result.rise).toBeNull();
    else expect(result.rise).toBeCloseTo(rise, 9);
  });
});

describe('largest change', () => {
  it('picks the largest relative move in either direction and says whether it is good', () => {
    const best = largestChange([
      { metric: 'sessions', value: 1100, previous: 1000, direction: 'up' },
      { metric: 'cac', value: 150, previous: 100, direction: 'down' },
      { metric: 'leads', value: 40, previous: 60, direction: 'up' },
      { metric: 'visitors', value: 5, previous: 0, direction: 'up' },
      { metric: 'nps', value: null, previous: 20, direction: 'up' },
    ]);
    expect(best).toMatchObject({ metric: 'cac', change: 0.5, good: false });
  });

  it('a fall of a down KPI is good; a negative previous uses its size', () => {
    expect(largestChange([{ metric: 'cac', value: 50, previous: 100, direction: 'down' }])).toMatchObject({ change: -0.5, good: true });
    expect(largestChange([{ metric: 'roi', value: 0.1, previous: -0.2, direction: 'up' }])?.change).toBeCloseTo(1.5);
    expect(largestChange([])).toBeUndefined();
  });

  it('measures a score in points and ranks 10 points like a 10 % change', () => {
    const nps = { metric: 'nps', value: -2, previous: 2, direction: 'up', changeAs: 'points' } as const;
    // As a share this would be −200 % and win; as points it is −4, i.e. ranks like −4 %.
    expect(largestChange([nps, { metric: 'leads', value: 110, previous: 100, direction: 'up' }])).toMatchObject({
      metric: 'leads',
      changeAs: 'share',
    });
    expect(
      largestChange([
        { ...nps, value: 20, previous: 0 },
        { metric: 'leads', value: 110, previous: 100, direction: 'up' },
      ]),
    ).toMatchObject({
      metric: 'nps',
      changeAs: 'points',
      change: 20,
      good: true,
    });
  });
});
