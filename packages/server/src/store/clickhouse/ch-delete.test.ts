import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEngineStore, testEngine } from '../../test-harness/engine-stores.ts';
import type { Store } from '../store.ts';

let store: Store;

describe.skipIf(testEngine() === 'duckdb')('deleteWhere on ClickHouse', () => {
  beforeEach(async () => {
    store = await openEngineStore();
    await store.insertRows('contacts', [
      { contact_id: 'c1', created_at: Date.UTC(2026, 0, 1), email: 'a@example.com' },
      { contact_id: 'c2', created_at: Date.UTC(2026, 0, 1), email: null },
      { contact_id: 'c3', created_at: Date.UTC(2026, 0, 1), email: 'c@example.com' },
    ]);
  });
  afterEach(async () => {
    await store.close();
  });

  it('keeps the rows whose condition is NULL (an 18.16 mutation would delete them)', async () => {
    await store.deleteWhere('contacts', 'email = $1', ['a@example.com']);
    const rows = await store.query('SELECT contact_id FROM contacts ORDER BY contact_id');
    expect(rows.map((r) => r.contact_id)).toEqual(['c2', 'c3']);
  });
});
