/**
 * Login sessions (metadata collection `user_sessions`). The cookie carries a random token; only
 * its HMAC under the server secret is stored. Each session has its own CSRF token, which unsafe
 * requests made with the cookie must echo in `X-CSRF-Token`.
 */
import { randomBytes } from 'node:crypto';
import type { MetadataStore } from '../meta/metadata-store.ts';
import { tokenDigest } from './secret.ts';

export const SESSION_COOKIE = 'ns_session';
export const CSRF_COOKIE = 'ns_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export interface SessionDocument {
  userId: string;
  digest: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface Session {
  id: string;
  userId: string;
  csrfToken: string;
}

export async function createSession(meta: MetadataStore, secret: string, userId: string): Promise<Session & { token: string }> {
  const token = randomBytes(32).toString('base64url');
  const id = `ses_${randomBytes(8).toString('hex')}`;
  const now = Date.now();
  const body: SessionDocument = {
    userId,
    digest: tokenDigest(secret, token),
    csrfToken: randomBytes(32).toString('base64url'),
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + SESSION_TTL_MS).toISOString(),
  };
  await meta.put('user_sessions', id, body);
  return { id, userId, csrfToken: body.csrfToken, token };
}

export async function findSession(meta: MetadataStore, secret: string, token: string): Promise<Session | undefined> {
  if (!TOKEN_RE.test(token)) return undefined;
  const [doc] = await meta.findBy<SessionDocument>('user_sessions', 'digest', tokenDigest(secret, token));
  if (!doc) return undefined;
  if (Date.parse(doc.body.expiresAt) <= Date.now()) {
    await meta.delete('user_sessions', doc.id);
    return undefined;
  }
  return { id: doc.id, userId: doc.body.userId, csrfToken: doc.body.csrfToken };
}

export async function deleteSession(meta: MetadataStore, id: string): Promise<void> {
  await meta.delete('user_sessions', id);
}

/** Signs the user out everywhere (after a password change or reset, or removal), except `keepId`. */
export async function deleteUserSessions(meta: MetadataStore, userId: string, keepId?: string): Promise<void> {
  for (const doc of await meta.findBy<SessionDocument>('user_sessions', 'userId', userId)) {
    if (doc.id !== keepId) await meta.delete('user_sessions', doc.id);
  }
}
