/** KPI values as people read them in reports and notifications: money with its currency, rates as percents. */
import type { Unit } from '@northstar/core';

export function formatValue(value: unknown, unit: Unit | undefined, currency = 'USD'): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return '—';
  const number = (digits: number) => value.toLocaleString('en-US', { maximumFractionDigits: digits });
  switch (unit) {
    case 'money':
      return `${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
    case 'rate':
      return `${(value * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
    case 'ratio':
      return `${number(2)}:1`;
    case 'days':
      return `${number(1)} days`;
    case 'seconds':
      return `${number(0)} s`;
    case 'count':
      return number(0);
    default:
      return number(2);
  }
}
