import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';

let store: DuckDbStore;
beforeEach(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

describe('DuckDbMetadataStore', () => {
  it('creates, replaces, finds, lists and deletes documents', async () => {
    const meta = store.metadata;
    await meta.put('dashboards', 'd1', { name: 'Weekly', owner: 'anna' });
    await meta.put('dashboards', 'd2', { name: 'Board', owner: 'oleg' });
    await meta.put('dashboards', 'd1', { name: 'Weekly v2', owner: 'anna' });
    expect((await meta.get('dashboards', 'd1'))?.body).toEqual({ name: 'Weekly v2', owner: 'anna' });
    expect((await meta.findBy('dashboards', 'owner', 'oleg')).map((d) => d.id)).toEqual(['d2']);
    expect((await meta.list('dashboards')).map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(await meta.list('goals')).toEqual([]);
    expect(await meta.delete('dashboards', 'd1')).toBe(true);
    expect(await meta.delete('dashboards', 'd1')).toBe(false);
    expect(await meta.get('dashboards', 'd1')).toBeUndefined();
  });

  it('refuses a field name that is not an identifier', async () => {
    await expect(store.metadata.findBy('users', "email') OR 1=1 --", 'x')).rejects.toThrow('bad field name');
  });
});
