import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from './normal.ts';
import { compareProportions, sampleSizePerVariant } from './two-proportion.ts';

describe('normal distribution', () => {
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [1.96, 0.9750021048517795],
    [-1.96, 0.024997895148220435],
    [2.5758293035489, 0.995],
    [-3, 0.0013498980316301],
    [5, 0.9999997133484281],
    [-8, 6.22096057427178e-16],
  ])('Φ(%d) = %d', (x, p) => {
    expect(normalCdf(x)).toBeCloseTo(p, 14);
    if (x !== 0 && x > -6) expect(normalCdf(x) / p).toBeCloseTo(1, 10);
  });

  it.each([
    [0.975, 1.959963984540054],
    [0.8, 0.8416212335729143],
    [0.5, 0],
    [0.001, -3.090232306167813],
  ])('Φ⁻¹(%d) = %d', (p, x) => {
    expect(normalQuantile(p)).toBeCloseTo(x, 9);
  });
});

describe('two-proportion z-test', () => {
  it('matches a worked example: 200/1000 vs 250/1000', () => {
    // pooled p = 450/2000 = 0.225; SE = √(0.225 × 0.775 × 2/1000) = 0.0186748; z = 0.05 / 0.0186748 = 2.67741
    // p = 2 (1 − Φ(2.67741)) = 0.0074196
    const r = compareProportions(200, 1000, 250, 1000);
    expect(r?.z).toBeCloseTo(2.67741, 4);
    expect(r?.pValue).toBeCloseTo(0.0074196, 5);
    // unpooled SE = √(0.2·0.8/1000 + 0.25·0.75/1000) = 0.0186414; CI = 0.05 ± 1.959964 × 0.0186414
    expect(r?.interval?.[0]).toBeCloseTo(0.05 - 1.959964 * 0.0186414, 5);
    expect(r?.interval?.[1]).toBeCloseTo(0.05 + 1.959964 * 0.0186414, 5);
  });

  it('has no p-value when nobody or everybody converted', () => {
    expect(compareProportions(0, 10, 0, 10)?.pValue).toBeNull();
    expect(compareProportions(0, 0, 1, 10)).toBeNull();
  });

  it('needs about 3 841 visitors per variant to see 10 % → 12 % at 80 % power', () => {
    // (1.959964 √(2·0.11·0.89) + 0.841621 √(0.1·0.9 + 0.12·0.88))² / 0.02² = 3840.4 → 3841
    expect(sampleSizePerVariant(0.1, 0.12)).toBe(3841);
    expect(sampleSizePerVariant(0.1, 0.1)).toBeNull();
  });
});
