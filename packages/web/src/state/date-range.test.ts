import { describe, expect, it } from 'vitest';
import { autoGrain, resolvePreset } from './date-range.ts';

describe('resolvePreset', () => {
  it.each([
    ['last_7_days', { from: '2026-03-09', to: '2026-03-16' }],
    ['last_30_days', { from: '2026-02-14', to: '2026-03-16' }],
    ['this_month', { from: '2026-03-01', to: '2026-03-16' }],
    ['last_month', { from: '2026-02-01', to: '2026-03-01' }],
    ['this_quarter', { from: '2026-01-01', to: '2026-03-16' }],
    ['last_quarter', { from: '2025-10-01', to: '2026-01-01' }],
    ['this_year', { from: '2026-01-01', to: '2026-03-16' }],
    ['last_year', { from: '2025-01-01', to: '2026-01-01' }],
    ['last_12_months', { from: '2025-04-01', to: '2026-03-16' }],
  ] as const)('%s on 2026-03-15 is %o (to exclusive)', (preset, range) => {
    expect(resolvePreset(preset, '2026-03-15')).toEqual(range);
  });

  it('crosses month ends without overflow', () => {
    expect(resolvePreset('last_month', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-03-01' });
  });
});

describe('autoGrain', () => {
  it('uses days for a month, weeks for a quarter, months for a year', () => {
    expect(autoGrain({ from: '2026-01-01', to: '2026-02-01' })).toBe('day');
    expect(autoGrain({ from: '2026-01-01', to: '2026-04-01' })).toBe('week');
    expect(autoGrain({ from: '2025-01-01', to: '2026-01-01' })).toBe('month');
  });
});
