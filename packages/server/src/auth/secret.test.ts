import { describe, expect, it } from 'vitest';
import { assertUsableSecret, secretProblem } from './secret.ts';

describe('server secret', () => {
  it.each([
    [undefined, 'not set'],
    ['', 'not set'],
    ['changeme', 'default'],
    ['CHANGE-ME-PLEASE-CHANGE-ME-PLEASE-0000', 'default'],
    ['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'default'],
    ['short-but-random-9f8a', 'at least 32'],
  ])('refuses %s', (secret, reason) => {
    expect(secretProblem(secret)).toContain(reason);
    expect(() => assertUsableSecret(secret)).toThrow(/NORTHSTAR_SECRET/);
  });

  it('accepts a long random value', () => {
    expect(secretProblem('k3J9-vQ2x_Lm8Rt5Zp1Wc7Yn4Hb6Gd0Sa2Ef')).toBeUndefined();
  });
});
