/**
 * Visitor ids for the tracker, which sets no cookie: a hash of a salt, the site, the IP address
 * and the user agent. The salt is random and replaced every UTC day, and the previous one is
 * overwritten, so nobody — the operator included — can link a visitor across days or recover an
 * IP address from stored ids. The IP address itself is never written anywhere.
 */
import { hash, randomBytes } from 'node:crypto';
import type { MetadataStore } from '../meta/metadata-store.ts';

export interface SaltDocument {
  day: string;
  salt: string;
}

/** Metadata document `ingest/visitor_salt`; collectors read it (see collector/visitor-salt.ts). */
export const SALT_ID = 'visitor_salt';

/** The visitor id of a request: 22 base64url characters (128 bits of SHA-256). */
export function visitorIdOf(salt: string, site: string, ip: string, userAgent: string): string {
  // The one-shot hash costs a third of createHash's, once for every tracker request.
  return hash('sha256', `${salt}\u0000${site}\u0000${ip}\u0000${userAgent}`, 'base64url').slice(0, 22);
}

export class VisitorIds {
  #current: Promise<SaltDocument> | undefined;
  #currentDay = '';

  constructor(private readonly meta: MetadataStore) {}

  async idFor(site: string, ip: string, userAgent: string, nowMs: number): Promise<string> {
    const { salt } = await this.saltFor(new Date(nowMs).toISOString().slice(0, 10));
    return visitorIdOf(salt, site, ip, userAgent);
  }

  /** Sets the day's salt if no request did yet: collectors only read it, so the server rotates it. */
  async rotate(nowMs: number): Promise<void> {
    await this.saltFor(new Date(nowMs).toISOString().slice(0, 10));
  }

  private saltFor(day: string): Promise<SaltDocument> {
    if (this.#current && this.#currentDay === day) return this.#current;
    this.#currentDay = day;
    const loading = this.loadOrRotate(day);
    this.#current = loading;
    // A failed load is retried by the next request rather than cached.
    loading.catch(() => {
      if (this.#current === loading) this.#current = undefined;
    });
    return loading;
  }

  private async loadOrRotate(day: string): Promise<SaltDocument> {
    const stored = await this.meta.get<SaltDocument>('ingest', SALT_ID);
    if (stored && stored.body.day === day) return stored.body;
    const next = { day, salt: randomBytes(32).toString('base64url') };
    await this.meta.put('ingest', SALT_ID, next);
    return next;
  }
}
