import { describe, expect, it } from 'vitest';
import { computeChange, formatValue } from './format-value.ts';

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
