import { describe, expect, it } from 'vitest';
import { computeChange, formatCompact, formatValue } from './format-value.ts';

const en = { locale: 'en', currency: 'USD' };

describe('formatValue', () => {
  it.each([
    [1234, 'count', '1,234'],
    [1234.5, 'money', '$1,235'],
    [12.345, 'money', '$12.35'],
    [0.1234, 'rate', '12.3%'],
    [0.05, 'rate', '5.0%'],
    [3.25, 'ratio', '3.3:1'],
    [42, 'score', '+42'],
    [null, 'money', '—'],
  ] as const)('%s as %s is %s', (value, unit, text) => {
    expect(formatValue(value, unit, en)).toBe(text);
  });

  it('formats by locale and currency', () => {
    expect(formatValue(12345.5, 'money', { locale: 'pl', currency: 'PLN' }).replace(/\s/g, ' ')).toBe('12 346 zł');
    expect(formatValue(0.5, 'rate', { locale: 'ru', currency: 'RUB' }).replace(/\s/g, ' ')).toBe('50 %');
  });

  it('shows durations in minutes and seconds', () => {
    expect(formatValue(155, 'seconds', en)).toBe('2m 35s');
  });
});

describe('computeChange', () => {
  it('tones a rise good for an up KPI and bad for a down KPI', () => {
    expect(computeChange(110, 100, 'up')).toEqual({ relative: 0.1, tone: 'good' });
    expect(computeChange(110, 100, 'down').tone).toBe('bad');
    expect(computeChange(90, 100, 'down').tone).toBe('good');
  });

  it('has no change without a previous value', () => {
    expect(computeChange(5, null, 'up')).toEqual({ relative: null, tone: 'neutral' });
    expect(computeChange(5, 0, 'up')).toEqual({ relative: null, tone: 'neutral' });
  });
});

describe('compact axis labels', () => {
  // An axis of conversion rate by goal read "0%, 0%, 1%, 1%, 1%, 2%" for ticks 0.25 % apart.
  it('keep small rate ticks apart', () => {
    const ticks = [0, 0.0025, 0.005, 0.0075, 0.01, 0.0125, 0.015, 0.0175, 0.02];
    const labels = ticks.map((v) => formatCompact(v, 'rate', { locale: 'en', currency: 'USD' }));
    expect(new Set(labels).size).toBe(ticks.length);
    expect(formatCompact(0.25, 'rate', { locale: 'en', currency: 'USD' })).toBe('25%');
  });
});
