import { DEFAULT_CATALOG, formatDay, parseDay } from '@northstar/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveGoal } from '../goals/goal-service.ts';
import { enqueueOnce } from '../jobs/outbox.ts';
import { openTestStore, utc } from '../metrics/test-fixtures.ts';
import type { Store } from '../store/store.ts';
import type { AlertEventBody } from './alert-message.ts';
import type { AlertRuleView } from './alert-rules.ts';
import { checkRule } from './check-rule.ts';
import { evaluateAlerts } from './evaluate-alerts.ts';

// Leads per day, 2026-03-01 … 03-14 (the baseline), then 12 on 03-15 and 4 on 03-16.
const BASELINE = [3, 4, 3, 5, 4, 3, 4, 3, 4, 5, 3, 4, 4, 3];
let store: Store;

beforeAll(async () => {
  store = await openTestStore();
  const rows = [];
  const counts = [...BASELINE, 12, 4];
  const first = parseDay('2026-03-01') as number;
  for (const [d, n] of counts.entries()) {
    for (let i = 0; i < n; i++)
      rows.push({ contact_id: `c${d}-${i}`, created_at: utc(`${formatDay(first + d)} 10:00`), channel: i === 0 ? 'Email' : 'Direct' });
  }
  await store.insertRows('contacts', rows);
});
afterAll(async () => store.close());

const ctx = (at: string) => ({ store, catalog: DEFAULT_CATALOG, now: new Date(at), currency: 'USD', timezone: 'UTC' });
const ruleOf = (condition: AlertRuleView['condition']): AlertRuleView => ({
  id: 'r1',
  name: 'rule',
  enabled: true,
  condition,
  channels: [{ type: 'email', to: ['a@example.com'] }],
  createdAt: '',
  updatedAt: '',
});
const anomaly = { type: 'anomaly', metric: 'leads', grain: 'day', baselinePeriods: 14, sensitivity: 3, direction: 'both' } as const;

describe('anomaly rule (robust z-score over the trailing baseline)', () => {
  it('fires on the spike with the key of the day checked', async () => {
    // Baseline median 4 (sorted: 3×6, 4×6, 5×2 → (4 + 4) / 2); |dev| median 1 → scale 1.4826; z = (12 − 4) / 1.4826
    const occurrence = await checkRule(ctx('2026-03-16T06:00:00Z'), ruleOf(anomaly));
    expect(occurrence?.key).toBe('r1|2026-03-15');
    expect(occurrence?.details).toMatchObject({ value: 12, median: 4 });
    expect(occurrence?.details.score).toBeCloseTo(8 / 1.4826, 9);
    expect(occurrence?.summary).toBe(
      'Leads was 12 for 2026-03-15, unusually high: the previous 14 days had a median of 4 (robust z = 5.4, sensitivity 3).',
    );
  });

  it('stays quiet on an ordinary day, and a higher sensitivity lets the spike pass', async () => {
    expect(await checkRule(ctx('2026-03-17T06:00:00Z'), ruleOf(anomaly))).toBeUndefined();
    expect(await checkRule(ctx('2026-03-16T06:00:00Z'), ruleOf({ ...anomaly, sensitivity: 6 }))).toBeUndefined();
    expect(await checkRule(ctx('2026-03-16T06:00:00Z'), ruleOf({ ...anomaly, direction: 'down' }))).toBeUndefined();
  });
});

describe('threshold rule', () => {
  it.each([
    ['below 5 on 03-15 (12)', { op: 'below', value: 5 }, '2026-03-16T06:00:00Z', undefined],
    ['below 5 on 03-16 (4)', { op: 'below', value: 5 }, '2026-03-17T06:00:00Z', 'r1|2026-03-16'],
    ['above 30 in the week of 03-09 (31)', { op: 'above', value: 30, grain: 'week' }, '2026-03-16T06:00:00Z', 'r1|2026-03-09'],
    [
      'Email leads below 1 on 03-15 (1)',
      { op: 'below', value: 1, filter: { dimension: 'channel', value: 'Email' } },
      '2026-03-16T06:00:00Z',
      undefined,
    ],
  ] as const)('%s', async (_name, condition, at, key) => {
    const occurrence = await checkRule(ctx(at), ruleOf({ type: 'threshold', metric: 'leads', grain: 'day', ...condition }));
    expect(occurrence?.key).toBe(key);
  });
});

describe('goal pace rule', () => {
  it('fires when the goal is off track, once per goal period and level', async () => {
    // March leads so far (03-01 … 03-16): 52 + 12 + 4 = 68 by 03-17 00:00 (16 of 31 days) → heading for 68 × 31 / 16 = 131.75 vs 200.
    const goal = await saveGoal(store, DEFAULT_CATALOG, {
      name: 'March leads',
      metric: 'leads',
      target: 200,
      period: 'month',
      from: '2026-03-01',
    });
    const occurrence = await checkRule(ctx('2026-03-17T00:00:00Z'), ruleOf({ type: 'goal_pace', goalId: goal.id, level: 'off_track' }));
    expect(occurrence?.key).toBe(`r1|goal|${goal.id}|2026-03-01|off_track`);
    expect(occurrence?.summary).toBe(
      'Goal "March leads" is off track: Leads is heading for 132 against a target of 200 (68 so far, 52% of the period gone).',
    );
    const easy = await saveGoal(store, DEFAULT_CATALOG, { metric: 'leads', target: 130, period: 'month', from: '2026-03-01' });
    expect(await checkRule(ctx('2026-03-17T00:00:00Z'), ruleOf({ type: 'goal_pace', goalId: easy.id, level: 'at_risk' }))).toBeUndefined();
  });
});

describe('evaluation after a crash', () => {
  it('queues the messages of an event recorded without them', async () => {
    const event: AlertEventBody = {
      ruleId: 'gone',
      ruleName: 'Crashed pass',
      key: 'gone|2026-03-15',
      period: '2026-03-15',
      metric: 'leads',
      summary: 'Leads was 12.',
      details: {},
      firedAt: '2026-03-16T06:00:00.000Z',
      channels: [{ type: 'email', to: ['a@example.com'] }],
      queued: false,
    };
    await store.metadata.put('alert_events', 'evt1', event);
    await evaluateAlerts(store, { now: new Date('2026-03-16T06:01:00Z'), catalog: DEFAULT_CATALOG });
    const queued = await store.metadata.findBy('outbox', 'sourceId', 'evt1');
    expect(queued).toHaveLength(1);
    expect((await store.metadata.get<AlertEventBody>('alert_events', 'evt1'))?.body.queued).toBe(true);
    // Queuing again finds the message there: no second copy.
    expect(
      await enqueueOnce(
        store.metadata,
        queued[0]?.id as string,
        { channel: { type: 'email', to: [] }, source: { type: 'alert', eventId: 'evt1' }, subject: '', text: '' },
        new Date(),
      ),
    ).toBe(false);
  });
});
