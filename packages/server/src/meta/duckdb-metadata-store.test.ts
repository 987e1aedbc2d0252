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

  it('keeps lists between writes, never stale and never shared', async () => {
    const meta = store.metadata;
    await meta.put('goals', 'g1', { name: 'Demo' });
    const first = await meta.list<{ name: string }>('goals');
    (first[0] as { body: { name: string } }).body.name = 'changed by a caller';
    expect((await meta.list<{ name: string }>('goals')).map((d) => d.body.name)).toEqual(['Demo']);
    await meta.put('goals', 'g2', { name: 'Trial' });
    expect((await meta.list('goals')).map((d) => d.id)).toEqual(['g1', 'g2']);
    await meta.put('goals', 'g1', { name: 'Demo booked' });
    expect((await meta.list<{ name: string }>('goals')).map((d) => d.body.name)).toEqual(['Demo booked', 'Trial']);
    await meta.delete('goals', 'g2');
    expect((await meta.list('goals')).map((d) => d.id)).toEqual(['g1']);
    // A list read while a write is under way is answered but not kept.
    const [during] = await Promise.all([meta.list('goals'), meta.put('goals', 'g3', { name: 'Late' })]);
    expect(during.map((d) => d.id)).toEqual(['g1']);
    expect((await meta.list('goals')).map((d) => d.id)).toEqual(['g1', 'g3']);
  });
});
