import { parseQueryRequest } from '@northstar/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { runQuery } from './run-query.ts';
import { openTestStore } from './test-fixtures.ts';

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => store.close());

describe('query validation names the offending thing', () => {
  it.each([
    [{ metrics: ['nope'] }, 'NS_ERR_UNKNOWN_METRIC', "unknown metric 'nope'"],
    [
      { metrics: ['cac'], dimensions: ['landing_page'] },
      'NS_ERR_UNKNOWN_DIMENSION',
      "dimension 'landing_page' not allowed for metric 'cac' (allowed: campaign, channel, program)",
    ],
    [
      { metrics: ['sessions'], filters: [{ dimension: 'owner', op: 'equals', value: 'x' }] },
      'NS_ERR_UNKNOWN_DIMENSION',
      "filter dimension 'owner' not allowed for metric 'sessions'",
    ],
    [{ metrics: ['sessions'], from: '2026-02-30' }, 'NS_ERR_BAD_DATE', "bad date '2026-02-30' for 'from'"],
    [
      { metrics: ['sessions'], from: '2026-03-01', to: '2026-02-01' },
      'NS_ERR_BAD_DATE',
      "'from' (2026-03-01) must be before 'to' (2026-02-01)",
    ],
    [{ metrics: ['sessions'], timezone: 'Mars/Olympus' }, 'NS_ERR_BAD_TIMEZONE', "unknown timezone 'Mars/Olympus'"],
    [{ metrics: ['sessions', 'ab_test'] }, 'NS_ERR_BAD_REQUEST', "table metric 'ab_test' must be queried on its own"],
  ])('%j', async (request, code, message) => {
    const error = await runQuery(store, request as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toContain(message);
  });

  it('parses the CLI and HTTP forms of a request', () => {
    expect(
      parseQueryRequest({
        metrics: 'cac,leads',
        by: 'channel',
        filter: ['program=digital', 'campaign=a|b', 'channel~paid'],
        compare: 'previous',
        tz: 'Europe/Warsaw',
        limit: '5',
      }),
    ).toEqual({
      metrics: ['cac', 'leads'],
      dimensions: ['channel'],
      filters: [
        { dimension: 'program', op: 'equals', value: 'digital' },
        { dimension: 'campaign', op: 'in', values: ['a', 'b'] },
        { dimension: 'channel', op: 'contains', value: 'paid' },
      ],
      comparison: 'previous',
      timezone: 'Europe/Warsaw',
      limit: 5,
    });
    expect(() => parseQueryRequest({ metrics: [], grain: 'hour' })).toThrow(/invalid query: metrics/);
    expect(() => parseQueryRequest({ metrics: 'sessions', sql: 'DROP TABLE events' })).toThrow(/invalid query/);
  });

  it('returns one row with zero and null values when there is no data at all', async () => {
    const { rows } = await runQuery(store, { metrics: ['sessions', 'bounce_rate', 'cac'], from: '2026-01-01', to: '2026-01-02' });
    expect(rows).toEqual([{ sessions: 0, bounce_rate: null, cac: null }]);
  });
});
