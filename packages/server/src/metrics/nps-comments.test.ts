import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { runQuery } from './run-query.ts';
import { load, openTestStore, utc } from './test-fixtures.ts';

let store: Store;

beforeAll(async () => {
  store = await openTestStore();
  await load(store, 'nps', [
    { response_id: 'r1', timestamp: utc('2026-01-05 09:00'), score: 10, contact_id: 'c1', comment: 'Great reports' },
    { response_id: 'r2', timestamp: utc('2026-01-20 15:30'), score: 3, contact_id: 'c2', comment: '<img src=x onerror=alert(1)>' },
    { response_id: 'r3', timestamp: utc('2026-01-20 08:00'), score: 7, contact_id: 'c3', comment: null },
    { response_id: 'r4', timestamp: utc('2026-02-02 10:00'), score: 9, contact_id: 'c4', comment: 'Outside the range' },
    { response_id: 'r5', timestamp: utc('2025-12-31 23:00'), score: 0, contact_id: 'c5', comment: 'Before the range' },
  ]);
});

afterAll(async () => {
  await store.close();
});

describe('nps_comments', () => {
  it('lists the responses of the period newest first, each with its own score and comment as stored', async () => {
    const { rows } = await runQuery(store, { metrics: ['nps_comments'], from: '2026-01-01', to: '2026-02-01' });
    expect(rows.map((r) => [r.response, r.score, r.comment])).toEqual([
      ['r2', 3, '<img src=x onerror=alert(1)>'],
      // A missing comment is the engine's empty dimension value.
      ['r3', 7, '(none)'],
      ['r1', 10, 'Great reports'],
    ]);
    expect(String(rows[0]?.responded_at)).toMatch(/^2026-01-20 15:30/);
  });

  it('keeps the latest N with a limit', async () => {
    const { rows } = await runQuery(store, { metrics: ['nps_comments'], from: '2026-01-01', to: '2026-03-01', limit: 2 });
    expect(rows.map((r) => r.response)).toEqual(['r4', 'r2']);
  });
});
