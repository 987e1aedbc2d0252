/**
 * Counts of dropped bot events by reason, kept in memory and saved to metadata every minute (and
 * on close), so the totals survive restarts.
 */
import type { MetadataStore } from '../meta/metadata-store.ts';

interface BotDocument {
  since: string;
  counts: Record<string, number>;
}

const BOTS_ID = 'bot_counts';
const MAX_REASONS = 500;

export class BotStats {
  #counts = new Map<string, number>();
  #since = new Date().toISOString();
  #dirty = false;

  constructor(private readonly meta: MetadataStore) {}

  async load(): Promise<void> {
    const stored = await this.meta.get<BotDocument>('ingest', BOTS_ID);
    if (!stored) return;
    this.#since = stored.body.since;
    for (const [reason, count] of Object.entries(stored.body.counts)) this.#counts.set(reason, (this.#counts.get(reason) ?? 0) + count);
  }

  count(reason: string): void {
    // Reasons come from user agents; past a cap, new ones share one bucket so the map stays small.
    const key = this.#counts.has(reason) || this.#counts.size < MAX_REASONS ? reason : 'other';
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    this.#dirty = true;
  }

  snapshot(): { since: string; total: number; byReason: Record<string, number> } {
    const byReason = Object.fromEntries([...this.#counts].sort((a, b) => b[1] - a[1]));
    let total = 0;
    for (const n of this.#counts.values()) total += n;
    return { since: this.#since, total, byReason };
  }

  async save(): Promise<void> {
    if (!this.#dirty) return;
    this.#dirty = false;
    await this.meta.put<BotDocument>('ingest', BOTS_ID, { since: this.#since, counts: Object.fromEntries(this.#counts) });
  }
}
