import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../metrics/periods.ts';
import { alertConditionSchema, alertRuleInputSchema } from './alert-rule.ts';
import { alertWindow } from './alert-window.ts';

describe('alert window', () => {
  it.each([
    // today (Wednesday 2026-03-11), grain, baseline → checked period and baseline start
    ['2026-03-11', 'day', 3, '2026-03-07', '2026-03-10', '2026-03-11'],
    ['2026-03-11', 'week', 2, '2026-02-16', '2026-03-02', '2026-03-09'],
    ['2026-03-09', 'week', 0, '2026-03-02', '2026-03-02', '2026-03-09'],
    ['2026-03-31', 'month', 2, '2025-12-01', '2026-02-01', '2026-03-01'],
    ['2026-01-01', 'month', 1, '2025-11-01', '2025-12-01', '2026-01-01'],
  ] as const)('%s by %s with %d baseline periods', (today, grain, baseline, from, checked, to) => {
    const w = alertWindow(parseDay(today) as number, grain, baseline);
    expect([formatDay(w.from), formatDay(w.checkedFrom), formatDay(w.to), w.label]).toEqual([from, checked, to, checked]);
  });
});

describe('alert rule schema', () => {
  it('fills defaults', () => {
    expect(alertConditionSchema.parse({ type: 'anomaly', metric: 'sessions' })).toEqual({
      type: 'anomaly',
      metric: 'sessions',
      grain: 'day',
      baselinePeriods: 14,
      sensitivity: 3,
      direction: 'both',
    });
  });

  it.each([
    [{ type: 'webhook', url: 'ftp://example.com/x' }, 'channels.0.url'],
    [{ type: 'webhook', url: 'https://user:pw@example.com/x' }, 'channels.0.url'],
    [{ type: 'email', to: ['not-an-address'] }, 'channels.0.to.0'],
    [{ type: 'email', to: Array.from({ length: 51 }, (_, i) => `a${i}@example.com`) }, 'channels.0.to'],
  ])('rejects channel %j', (channel, path) => {
    const parsed = alertRuleInputSchema.safeParse({
      name: 'x',
      condition: { type: 'threshold', metric: 'cac', op: 'above', value: 1 },
      channels: [channel],
    });
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('accepts an email channel without addresses: the workspace default recipients, looked up when sending', () => {
    const parsed = alertRuleInputSchema.safeParse({
      name: 'x',
      condition: { type: 'threshold', metric: 'cac', op: 'above', value: 1 },
      channels: [{ type: 'email', to: [] }],
    });
    expect(parsed.success).toBe(true);
  });
});
