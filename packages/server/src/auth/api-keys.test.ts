import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { ApiKeyVerifier, createApiKey, hashKey, listApiKeys, revokeApiKey } from './api-keys.ts';

let store: DuckDbStore;
beforeEach(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

describe('API keys', () => {
  it('stores only the hash of a new key, with its scope and creation time', async () => {
    const created = await createApiKey(store.metadata, 'ingest', 'website backend');
    expect(created.key).toMatch(/^ns_[A-Za-z0-9_-]{43}$/);
    const [doc] = await store.metadata.list<Record<string, unknown>>('api_keys');
    expect(doc?.body).toMatchObject({ scope: 'ingest', name: 'website backend', hash: hashKey(created.key), revokedAt: null });
    expect(JSON.stringify(doc)).not.toContain(created.key);
    expect(await listApiKeys(store.metadata)).toEqual([
      {
        id: created.id,
        scope: 'ingest',
        name: 'website backend',
        prefix: created.key.slice(0, 10),
        createdAt: created.createdAt,
        revokedAt: null,
      },
    ]);
  });

  it('accepts a valid key for its scope, admin for every scope, and refuses the rest', async () => {
    const verifier = new ApiKeyVerifier(store.metadata, 0);
    const ingest = await createApiKey(store.metadata, 'ingest');
    const read = await createApiKey(store.metadata, 'read');
    const admin = await createApiKey(store.metadata, 'admin');
    await expect(verifier.verify(`Bearer ${ingest.key}`, 'ingest')).resolves.toMatchObject({ id: ingest.id });
    await expect(verifier.verify(`bearer ${admin.key}`, 'ingest')).resolves.toMatchObject({ scope: 'admin' });
    await expect(verifier.verify(`Bearer ${read.key}`, 'ingest')).rejects.toMatchObject({ status: 403, code: 'NS_ERR_FORBIDDEN' });
    await expect(verifier.verify(undefined, 'ingest')).rejects.toMatchObject({ status: 401, message: expect.stringContaining('Bearer') });
    await expect(verifier.verify('Bearer ns_wrong', 'ingest')).rejects.toMatchObject({ status: 401 });
    // A key that differs in its last character (never the same one: a fixed replacement could equal it).
    const last = ingest.key.slice(-1);
    const tampered = `${ingest.key.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
    await expect(verifier.verify(`Bearer ${tampered}`, 'ingest')).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a revoked key once the cache entry expires', async () => {
    const verifier = new ApiKeyVerifier(store.metadata, 0);
    const key = await createApiKey(store.metadata, 'ingest');
    await verifier.verify(`Bearer ${key.key}`, 'ingest');
    expect((await revokeApiKey(store.metadata, key.id))?.revokedAt).not.toBeNull();
    await expect(verifier.verify(`Bearer ${key.key}`, 'ingest')).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('revoked'),
    });
    expect(await revokeApiKey(store.metadata, 'key_000000000000')).toBeUndefined();
  });
});
