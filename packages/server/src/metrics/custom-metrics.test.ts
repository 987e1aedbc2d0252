import { DEFAULT_CATALOG, parseCustomMetrics } from '@northstar/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { catalogWithCustomMetrics } from './custom-catalog.ts';
import { WEB_SESSIONS } from './fixture-web.ts';
import { runQuery } from './run-query.ts';
import { loadSessions, openTestStore } from './test-fixtures.ts';

let store: Store;
const range = { from: '2026-01-01', to: '2026-03-01' };

beforeAll(async () => {
  store = await openTestStore();
  await loadSessions(store, WEB_SESSIONS);
});
afterAll(async () => store.close());

describe('custom metrics', () => {
  const catalog = catalogWithCustomMetrics([
    { id: 'signups', name: 'Signups', count: { event_type: 'goal', name: 'signup' } },
    { id: 'contact_forms', count: { event_type: 'form_submit', filters: [{ dimension: 'channel', op: 'contains', value: 'refer' }] } },
    { id: 'conversions_per_visitor', unit: 'ratio', formula: '(signups + contact_forms) / visitors' },
  ]);

  it('counts selected events at every grain and by dimension', async () => {
    const total = await runQuery(store, { metrics: ['signups', 'contact_forms', 'conversions_per_visitor'], ...range }, { catalog });
    // s1's goal; s4's form_submit (Referral); (1 + 1) / 4 visitors
    expect(total.rows).toEqual([{ signups: 1, contact_forms: 1, conversions_per_visitor: 2 / 4 }]);
    const monthly = await runQuery(store, { metrics: ['signups'], ...range, grain: 'month' }, { catalog });
    expect(monthly.rows).toEqual([
      { period: '2026-01-01', signups: 1 },
      { period: '2026-02-01', signups: 0 },
    ]);
    const byChannel = await runQuery(store, { metrics: ['signups'], ...range, dimensions: ['channel'] }, { catalog });
    expect(byChannel.rows).toContainEqual({ channel: 'Organic Search', signups: 1 });
    expect(byChannel.rows.reduce((sum, r) => sum + Number(r.signups), 0)).toBe(1); // other channels 0
  });

  it('reports every invalid field with a dotted path', () => {
    const { value, errors } = parseCustomMetrics(DEFAULT_CATALOG, [
      { id: 'cac', formula: 'sessions' },
      { id: 'bad_formula', formula: 'sessions / nope +' },
      { id: 'bad_count', count: { event_type: 'click', filters: [{ dimension: 'planet', value: 'x' }] } },
      { id: 'Both', formula: 'sessions', count: {} },
      { id: 'odd_unit', unit: 'furlongs', formula: 'sessions' },
    ]);
    expect(value).toBeUndefined();
    expect(errors.map((e) => e.path)).toEqual([
      'metrics.cac.id',
      'metrics.bad_formula.formula',
      'metrics.bad_count.count.event_type',
      'metrics.bad_count.count.filters.0.dimension',
      'metrics.Both.id',
      'metrics.Both',
      'metrics.odd_unit.unit',
    ]);
    expect(() => catalogWithCustomMetrics([{ id: 'x1', formula: 'nope' }])).toThrow(/metrics.x1.formula: unknown measure or metric 'nope'/);
  });
});
