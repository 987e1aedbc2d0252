/**
 * API keys for server-side senders and scripts. A key is 32 random bytes shown once at creation;
 * only its SHA-256 is stored (metadata collection `api_keys`), which is enough for a random key of
 * that length. Requests send it as `Authorization: Bearer KEY`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@northstar/core';
import type { MetadataStore } from '../meta/metadata-store.ts';

export const KEY_SCOPES = ['ingest', 'read', 'admin'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

/** The stored document: never the key itself. */
export interface ApiKeyDocument {
  scope: KeyScope;
  name: string | null;
  /** SHA-256 of the key, hex. */
  hash: string;
  /** The first characters of the key, to tell keys apart in lists. */
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface ApiKeyInfo {
  id: string;
  scope: KeyScope;
  name: string | null;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

const KEY_PREFIX = 'ns_';
const KEY_RE = /^ns_[A-Za-z0-9_-]{43}$/;

export function isKeyScope(value: string): value is KeyScope {
  return (KEY_SCOPES as readonly string[]).includes(value);
}

/** Whether a key of scope `held` may do what `needed` allows: admin may do everything. */
export function scopeAllows(held: KeyScope, needed: KeyScope): boolean {
  return held === needed || held === 'admin';
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function toInfo(id: string, body: ApiKeyDocument): ApiKeyInfo {
  return { id, scope: body.scope, name: body.name, prefix: body.prefix, createdAt: body.createdAt, revokedAt: body.revokedAt };
}

/** Creates a key; the returned `key` is the only time it is ever seen. */
export async function createApiKey(
  meta: MetadataStore,
  scope: KeyScope,
  name: string | null = null,
): Promise<ApiKeyInfo & { key: string }> {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = `key_${randomBytes(6).toString('hex')}`;
  const body: ApiKeyDocument = {
    scope,
    name,
    hash: hashKey(key),
    prefix: key.slice(0, 10),
    createdAt: new Date().toISOString(),
    revokedAt: null,
  };
  await meta.put('api_keys', id, body);
  return { ...toInfo(id, body), key };
}

export async function listApiKeys(meta: MetadataStore): Promise<ApiKeyInfo[]> {
  return (await meta.list<ApiKeyDocument>('api_keys')).map((doc) => toInfo(doc.id, doc.body));
}

/** Marks a key revoked (kept for the record); false when there is no such key. */
export async function revokeApiKey(meta: MetadataStore, id: string): Promise<ApiKeyInfo | undefined> {
  const doc = await meta.get<ApiKeyDocument>('api_keys', id);
  if (!doc) return undefined;
  const body = { ...doc.body, revokedAt: doc.body.revokedAt ?? new Date().toISOString() };
  await meta.put('api_keys', id, body);
  return toInfo(id, body);
}

interface CachedKey {
  info: ApiKeyInfo | undefined;
  at: number;
  /** The lookup under way for this key, shared by every request that needs it. */
  pending?: Promise<ApiKeyInfo | undefined>;
}

/**
 * Checks bearer keys, caching lookups for a few seconds so a busy sender does not cost a metadata
 * query per request. When an entry expires, one lookup refreshes it while requests keep the
 * cached answer for up to another `ttlMs` (the metadata store may be busy behind a long query):
 * a revocation takes effect within `ttlMs`, or 2 × `ttlMs` while the store is slow to answer.
 */
export class ApiKeyVerifier {
  readonly #cache = new Map<string, CachedKey>();

  constructor(
    private readonly meta: MetadataStore,
    private readonly ttlMs = 5000,
    private readonly maxEntries = 10_000,
  ) {}

  /** The key's info, or an AppError: 401 without a valid key, 403 when its scope does not allow `needed`. */
  async verify(authorization: string | undefined, needed: KeyScope): Promise<ApiKeyInfo> {
    const info = await this.identify(authorization);
    if (!scopeAllows(info.scope, needed)) {
      throw new AppError('forbidden', `this API key has scope '${info.scope}'; this request needs '${needed}'`);
    }
    return info;
  }

  /** The key's info whatever its scope, or a 401 AppError without a valid, unrevoked key. */
  async identify(authorization: string | undefined): Promise<ApiKeyInfo> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw new AppError('unauthorized', 'an API key is required: send "Authorization: Bearer KEY"');
    const key = match[1] ?? '';
    const info = KEY_RE.test(key) ? await this.lookup(hashKey(key)) : undefined;
    if (!info || info.revokedAt !== null) throw new AppError('unauthorized', 'the API key is not valid or was revoked');
    return info;
  }

  /** Drops cached lookups, so a revocation made through this process applies at once. */
  forget(): void {
    this.#cache.clear();
  }

  private lookup(hash: string): ApiKeyInfo | undefined | Promise<ApiKeyInfo | undefined> {
    const now = Date.now();
    const cached = this.#cache.get(hash);
    const age = cached ? now - cached.at : Number.POSITIVE_INFINITY;
    if (cached && age < this.ttlMs) return cached.info;
    const pending = cached?.pending ?? this.fetch(hash, cached);
    return cached && age < 2 * this.ttlMs ? cached.info : pending;
  }

  private fetch(hash: string, cached: CachedKey | undefined): Promise<ApiKeyInfo | undefined> {
    const pending = this.meta.findBy<ApiKeyDocument>('api_keys', 'hash', hash).then(
      ([doc]) => {
        const info = doc ? toInfo(doc.id, doc.body) : undefined;
        if (this.#cache.size >= this.maxEntries) this.#cache.clear();
        this.#cache.set(hash, { info, at: Date.now() });
        return info;
      },
      (error: unknown) => {
        const entry = this.#cache.get(hash);
        if (entry?.pending === pending) {
          if (entry.info === undefined && entry.at === Number.NEGATIVE_INFINITY) this.#cache.delete(hash);
          else delete entry.pending;
        }
        throw error;
      },
    );
    if (cached) cached.pending = pending;
    else this.#cache.set(hash, { info: undefined, at: Number.NEGATIVE_INFINITY, pending });
    // A failed background refresh is retried by the next request; nobody else awaits it.
    pending.catch(() => undefined);
    return pending;
  }
}
