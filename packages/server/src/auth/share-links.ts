/**
 * Share links (metadata collection `share_links`): a read-only view of one dashboard. The token
 * is shown once; only its HMAC is stored. The range is either fixed (the viewer cannot change it)
 * or adjustable (a default the viewer may change, within `maxDays`).
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '@northstar/core';
import type { MetadataStore } from '../meta/metadata-store.ts';
import { tokenDigest } from './secret.ts';

export const SHARE_TOKEN_RE = /^nss_[A-Za-z0-9_-]{43}$/;

export interface ShareRange {
  mode: 'fixed' | 'adjustable';
  from: string;
  /** Exclusive, as in queries. */
  to: string;
}

export interface ShareLinkDocument {
  dashboardId: string;
  digest: string;
  prefix: string;
  range: ShareRange;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface ShareLinkInfo {
  id: string;
  dashboardId: string;
  prefix: string;
  range: ShareRange;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
}

function toInfo(id: string, body: ShareLinkDocument): ShareLinkInfo {
  const { digest: _digest, ...rest } = body;
  return { id, ...rest };
}

export async function createShareLink(
  meta: MetadataStore,
  secret: string,
  input: { dashboardId: string; range: ShareRange; createdBy: string | null },
): Promise<ShareLinkInfo & { token: string }> {
  const token = `nss_${randomBytes(32).toString('base64url')}`;
  const id = `shr_${randomBytes(8).toString('hex')}`;
  const body: ShareLinkDocument = {
    dashboardId: input.dashboardId,
    digest: tokenDigest(secret, token),
    prefix: token.slice(0, 10),
    range: input.range,
    createdBy: input.createdBy,
    createdAt: new Date().toISOString(),
    revokedAt: null,
  };
  await meta.put('share_links', id, body);
  return { ...toInfo(id, body), token };
}

export async function listShareLinks(meta: MetadataStore): Promise<ShareLinkInfo[]> {
  return (await meta.list<ShareLinkDocument>('share_links')).map((doc) => toInfo(doc.id, doc.body));
}

export async function revokeShareLink(meta: MetadataStore, id: string): Promise<ShareLinkInfo> {
  const doc = await meta.get<ShareLinkDocument>('share_links', id);
  if (!doc) throw new AppError('notFound', `no share link ${id}`);
  const body = { ...doc.body, revokedAt: doc.body.revokedAt ?? new Date().toISOString() };
  await meta.put('share_links', id, body);
  return toInfo(id, body);
}

/** The live link a token opens, or undefined (unknown, malformed or revoked: all look the same). */
export async function findShareLink(meta: MetadataStore, secret: string, token: string): Promise<ShareLinkInfo | undefined> {
  if (!SHARE_TOKEN_RE.test(token)) return undefined;
  const [doc] = await meta.findBy<ShareLinkDocument>('share_links', 'digest', tokenDigest(secret, token));
  if (!doc || doc.body.revokedAt !== null) return undefined;
  return toInfo(doc.id, doc.body);
}
