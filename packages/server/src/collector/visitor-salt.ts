/**
 * Visitor ids on a collector. The daily salt is the server's (`ingest/visitor_salt` in metadata,
 * set by `northstar serve` at the first tracker request of a UTC day or within its first minute):
 * a collector only reads it, so every collector and the server give a visitor the same id that day.
 *
 * Until the server has set a new day's salt, the previous one serves for at most `graceMs` past
 * midnight; after that tracker requests are refused with 503 rather than given ids that link
 * visitors across days. The salt lives in memory only, as on the server.
 */
import { overloaded } from '../ingest/event-writer.ts';
import { SALT_ID, type SaltDocument, visitorIdOf } from '../ingest/visitor-id.ts';
import type { MetadataStore } from '../meta/metadata-store.ts';

export interface VisitorSaltOptions {
  /** How long after midnight (UTC) the previous day's salt may still serve. */
  graceMs?: number;
  /** How often the stored salt is read again; at most once a second while it is stale. */
  rereadMs?: number;
}

const DAY_MS = 86_400_000;
const RETRY_AFTER_SECONDS = 30;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class VisitorSalt {
  readonly #graceMs: number;
  readonly #rereadMs: number;
  #salt: SaltDocument | undefined;
  #readAt = Number.NEGATIVE_INFINITY;
  #reading: Promise<void> | undefined;

  constructor(
    private readonly meta: MetadataStore,
    options: VisitorSaltOptions = {},
  ) {
    this.#graceMs = options.graceMs ?? 15 * 60_000;
    this.#rereadMs = options.rereadMs ?? 60_000;
  }

  async idFor(site: string, ip: string, userAgent: string, nowMs: number): Promise<string> {
    return visitorIdOf(await this.saltAt(nowMs), site, ip, userAgent);
  }

  /** The salt that serves at `nowMs`, or a 503 AppError when the server has not set one. */
  async saltAt(nowMs: number): Promise<string> {
    const today = dayOf(nowMs);
    const age = nowMs - this.#readAt;
    if (age >= this.#rereadMs || (this.#salt?.day !== today && age >= 1000)) {
      // A metadata hiccup keeps the salt read before: it only changes once a day.
      await this.#read(nowMs).catch((error: unknown) => {
        if (!this.#salt) throw error;
      });
    }
    const salt = this.#salt;
    if (salt?.day === today) return salt.salt;
    if (salt?.day === dayOf(nowMs - DAY_MS) && nowMs % DAY_MS < this.#graceMs) return salt.salt;
    throw overloaded(`the visitor salt of ${today} is not set yet (northstar serve sets it each day); retry shortly`, RETRY_AFTER_SECONDS);
  }

  /** One read at a time, shared by every request waiting on it. */
  #read(nowMs: number): Promise<void> {
    this.#reading ??= this.meta
      .get<SaltDocument>('ingest', SALT_ID)
      .then((doc) => {
        this.#readAt = nowMs;
        if (doc) this.#salt = doc.body;
      })
      .finally(() => {
        this.#reading = undefined;
      });
    return this.#reading;
  }
}
