/**
 * Event ids seen in the last 24 hours, for dropping retried events. Ids are kept as 53-bit hashes
 * in hourly generations (about 40 bytes an id instead of a string's 80+), and an hour's generation
 * is dropped once it is older than the window. A hash hit is only a suspicion: the writer confirms
 * it against the stored id log, so a collision never drops a real event.
 */
import { DEDUP_WINDOW_MS, HOUR_MS } from './limits.ts';

/** cyrb53: a fast, well-mixed 53-bit string hash. */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export class RecentIds {
  /** Hour number -> hashes of ids first seen in that hour. */
  readonly #generations = new Map<number, Set<number>>();
  #size = 0;

  constructor(private readonly windowMs: number = DEDUP_WINDOW_MS) {}

  get size(): number {
    return this.#size;
  }

  mightContain(id: string): boolean {
    return this.mightContainHash(hash53(id));
  }

  /** As mightContain, for a hash53 the caller already has (the live path hashes each id once). */
  mightContainHash(h: number): boolean {
    for (const generation of this.#generations.values()) if (generation.has(h)) return true;
    return false;
  }

  add(id: string, seenAtMs: number): void {
    this.addHash(hash53(id), seenAtMs);
  }

  addHash(h: number, seenAtMs: number): void {
    const hour = Math.floor(seenAtMs / HOUR_MS);
    let generation = this.#generations.get(hour);
    if (!generation) {
      generation = new Set();
      this.#generations.set(hour, generation);
    }
    const before = generation.size;
    generation.add(h);
    this.#size += generation.size - before;
  }

  /** Drops generations wholly older than the window. */
  expire(nowMs: number): void {
    const oldestKept = Math.floor((nowMs - this.windowMs) / HOUR_MS);
    for (const [hour, generation] of this.#generations) {
      if (hour < oldestKept) {
        this.#size -= generation.size;
        this.#generations.delete(hour);
      }
    }
  }
}
