import { parseQueryRequest } from '@northstar/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../demo/generate-demo.ts';
import { runQuery } from '../metrics/run-query.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { Store } from '../store/store.ts';
import { openEngineStore, testEngine } from '../test-harness/engine-stores.ts';
import { migrateStore } from './migrate-store.ts';

let source: Store;
let target: Store;

describe.skipIf(testEngine() === 'duckdb')('migrating an embedded install to ClickHouse', () => {
  beforeAll(async () => {
    source = await DuckDbStore.open({ path: ':memory:' });
    await generateDemo(source, { scale: 0.005, seed: 2, today: new Date('2026-06-30T12:00:00Z') });
    await source.metadata.put('dashboards', 'd1', { name: 'Overview' });
    target = await openEngineStore();
  }, 300_000);
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('copies every row, derives the same sessions, and refuses to run twice', async () => {
    const report = await migrateStore(source, target);
    for (const [table, n] of Object.entries(report.rows)) {
      expect([table, await target.count(table as never)]).toEqual([table, n]);
      expect([table, n]).toEqual([table, await source.count(table as never)]);
    }
    expect(await target.count('sessions')).toBe(await source.count('sessions'));
    const request = parseQueryRequest({ metrics: 'sessions,leads,sales_revenue', from: '2025-07-01', to: '2026-07-01' });
    const [migrated] = (await runQuery(target, request)).rows;
    const [original] = (await runQuery(source, request)).rows;
    // Sums of doubles may differ in the last bits (shards add in another order).
    for (const metric of ['sessions', 'leads', 'sales_revenue']) expect(migrated?.[metric]).toBeCloseTo(Number(original?.[metric]), 6);
    expect((await target.metadata.get('dashboards', 'd1'))?.body).toEqual({ name: 'Overview' });
    expect(report.documents.dashboards).toBe(1);
    await expect(migrateStore(source, target)).rejects.toThrow('the target already holds');
  });
});
