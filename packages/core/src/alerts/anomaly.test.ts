import { describe, expect, it } from 'vitest';
import { detectAnomaly, median } from './anomaly.ts';

describe('median', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('of %j is %d', (values, expected) => expect(median(values)).toBe(expected));
});

describe('robust z-score anomaly', () => {
  // baseline 10, 12, 11, 13, 9, 30: median 11.5; |dev| 1.5, 0.5, 0.5, 1.5, 2.5, 18.5 → MAD 1.5 → scale 2.2239
  const baseline = [10, 12, 11, 13, 9, 30];
  it.each([
    [20, 'both', (20 - 11.5) / (1.4826 * 1.5), true],
    [16, 'both', (16 - 11.5) / (1.4826 * 1.5), false],
    [3, 'both', (3 - 11.5) / (1.4826 * 1.5), true],
    [3, 'up', (3 - 11.5) / (1.4826 * 1.5), false],
    [20, 'down', (20 - 11.5) / (1.4826 * 1.5), false],
  ] as const)('value %d (%s) scores %d', (value, direction, score, anomalous) => {
    const result = detectAnomaly(value, baseline, { direction });
    expect(result.score).toBeCloseTo(score, 9);
    expect(result.median).toBe(11.5);
    expect(result.anomalous).toBe(anomalous);
  });

  it('a lower sensitivity fires on smaller moves', () => {
    expect(detectAnomaly(16, baseline, { sensitivity: 2 }).anomalous).toBe(true);
  });

  it('falls back to the mean absolute deviation when MAD is 0', () => {
    // median 5, deviations 0,0,0,0,5 → MAD 0; mean AD 1 → scale 1.2533
    const result = detectAnomaly(9, [5, 5, 5, 5, 10], {});
    expect(result.scale).toBeCloseTo(1.2533, 9);
    expect(result.score).toBeCloseTo(4 / 1.2533, 9);
    expect(result.anomalous).toBe(true);
  });

  it('on a constant baseline any other value is anomalous, the same value is not', () => {
    expect(detectAnomaly(6, [5, 5, 5, 5, 5])).toMatchObject({ anomalous: true, score: null, scale: 0 });
    expect(detectAnomaly(5, [5, 5, 5, 5, 5])).toMatchObject({ anomalous: false, score: 0 });
  });

  it('decides nothing on a short baseline or without a value; nulls leave the baseline', () => {
    expect(detectAnomaly(100, [1, 2, null, 3, null, 4])).toMatchObject({ anomalous: false, baselineSize: 4 });
    expect(detectAnomaly(null, [1, 2, 3, 4, 5])).toMatchObject({ anomalous: false, score: null });
  });
});
