import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { type PostgresServer, startPostgres } from '../test-harness/postgres-server.ts';
import type { MetadataStore } from './metadata-store.ts';
import { PostgresMetadataStore } from './postgres-metadata-store.ts';

let server: PostgresServer;
let postgres: PostgresMetadataStore;
let duckdb: DuckDbStore;

beforeAll(async () => {
  server = await startPostgres();
  postgres = await PostgresMetadataStore.open(server.url);
  duckdb = await DuckDbStore.open({ path: ':memory:' });
});
afterAll(async () => {
  await postgres?.close();
  await duckdb?.close();
  await server?.stop();
});

/** The same contract on both engines. */
describe.each([
  ['postgres', () => postgres as MetadataStore],
  ['duckdb', () => duckdb.metadata],
])('metadata store on %s', (engine, meta) => {
  it('creates, replaces, finds, lists and deletes documents', async () => {
    const m = meta();
    await m.put('dashboards', 'd1', { name: 'Weekly', owner: 'anna' });
    await m.put('dashboards', 'd2', { name: 'Board', owner: 'oleg', tiles: [{ metric: 'sessions' }] });
    await m.put('dashboards', 'd1', { name: 'Weekly v2', owner: 'anna' });
    expect((await m.get('dashboards', 'd1'))?.body).toEqual({ name: 'Weekly v2', owner: 'anna' });
    expect((await m.get('dashboards', 'd2'))?.body).toEqual({ name: 'Board', owner: 'oleg', tiles: [{ metric: 'sessions' }] });
    expect((await m.findBy('dashboards', 'owner', 'oleg')).map((d) => d.id)).toEqual(['d2']);
    expect((await m.list('dashboards')).map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(await m.list('goals')).toEqual([]);
    const doc = await m.get('dashboards', 'd2');
    expect(doc?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await m.delete('dashboards', 'd1')).toBe(true);
    expect(await m.delete('dashboards', 'd1')).toBe(false);
    expect(await m.get('dashboards', 'd1')).toBeUndefined();
    await m.delete('dashboards', 'd2');
  });

  it(`refuses a field name that is not an identifier (${engine})`, async () => {
    await expect(meta().findBy('users', "email') OR 1=1 --", 'x')).rejects.toThrow('bad field name');
  });
});

describe('postgres migrations', () => {
  it('applies each version once, also when a second server opens the same database', async () => {
    const second = await PostgresMetadataStore.open(server.url);
    await second.close();
    const check = await PostgresMetadataStore.open(server.url);
    await check.put('goals', 'g1', { target: 10 });
    expect((await postgres.get('goals', 'g1'))?.body).toEqual({ target: 10 });
    await check.close();
  });
});
