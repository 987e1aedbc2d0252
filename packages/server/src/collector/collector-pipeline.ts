/**
 * A collector's ingestion, top to bottom: validated rows are enriched (bots dropped and counted in
 * memory), sessionized live where the sender gave no session, and synced to the collector's own
 * ingest log before the request is answered; the log is shipped to ClickHouse in the background in
 * batches (one shipment a second, thousands of rows each) and replayed at start. Session rows of
 * the sessions it started are kept fresh as on the server. Nothing is written to metadata.
 */
import { BotStats } from '../ingest/bot-stats.ts';
import type { EnrichOptions } from '../ingest/enrich-event.ts';
import { type IngestBatch, type IngestSummary, ingestBatch } from '../ingest/ingest-pipeline.ts';
import { HOUR_MS } from '../ingest/limits.ts';
import { LIVE_PAST_MS, LiveSessions } from '../ingest/live-sessions.ts';
import { LoggedWriter } from '../ingest/logged-writer.ts';
import { SessionRefresher } from '../ingest/session-refresher.ts';
import type { MetadataStore } from '../meta/metadata-store.ts';
import type { Store } from '../store/store.ts';
import { shippingStore } from './shipping-store.ts';
import { VisitorSalt, type VisitorSaltOptions } from './visitor-salt.ts';

export interface CollectorPipelineOptions extends VisitorSaltOptions {
  /** The collector's own ingest log directory. */
  logDir: string;
  /** Milliseconds between shipments to the store. */
  shipIntervalMs?: number;
  /** Logged and not yet shipped bytes, at most; more is refused with 503. */
  maxBacklogBytes?: number;
  now?: () => number;
}

const TIMEZONE_REFRESH_MS = 60_000;

export class CollectorPipeline {
  readonly writer: LoggedWriter;
  readonly sessions = new LiveSessions();
  readonly visitorIds: VisitorSalt;
  /** Counted in memory only (the server keeps the saved totals). */
  readonly bots: BotStats;
  readonly #store: Store;
  readonly #refresher: SessionRefresher;
  readonly #now: () => number;
  readonly #timers: NodeJS.Timeout[] = [];
  #timezone = 'UTC';

  private constructor(store: Store, meta: MetadataStore, options: CollectorPipelineOptions) {
    this.#store = shippingStore(store);
    this.#now = options.now ?? Date.now;
    this.#refresher = new SessionRefresher(this.#store, 1000);
    this.writer = new LoggedWriter(this.#store, options.logDir, {
      loadIntervalMs: options.shipIntervalMs ?? 1000,
      ...(options.maxBacklogBytes === undefined ? {} : { maxBacklogBytes: options.maxBacklogBytes }),
      now: this.#now,
      onCommitted: (rows) => this.#refresher.note(rows),
    });
    this.visitorIds = new VisitorSalt(meta, options);
    this.bots = new BotStats(meta);
  }

  /** Ships what the log holds from before a crash, restores live sessions, then starts the timers. */
  static async start(store: Store, meta: MetadataStore, options: CollectorPipelineOptions): Promise<CollectorPipeline> {
    const pipeline = new CollectorPipeline(store, meta, options);
    await pipeline.writer.start();
    pipeline.sessions.restore(await pipeline.#store.liveSessionStates(pipeline.#now() - LIVE_PAST_MS));
    pipeline.#timezone = (await pipeline.#store.getSettings()).timezone;
    pipeline.#refresher.start();
    pipeline.#every(TIMEZONE_REFRESH_MS, async () => {
      pipeline.sessions.sweep(pipeline.#now());
      pipeline.#refresher.sweep(pipeline.#now());
      pipeline.#timezone = (await pipeline.#store.getSettings()).timezone;
    });
    pipeline.#every(HOUR_MS, async () => pipeline.writer.recentIds.expire(pipeline.#now()));
    return pipeline;
  }

  #every(ms: number, task: () => Promise<void>): void {
    const timer = setInterval(() => void task().catch(() => undefined), ms);
    timer.unref();
    this.#timers.push(timer);
  }

  now(): number {
    return this.#now();
  }

  /** The workspace timezone (for timestamps sent without an offset), re-read once a minute. */
  timezone(): string {
    return this.#timezone;
  }

  async ingest(batch: IngestBatch, enrich: EnrichOptions): Promise<IngestSummary> {
    return ingestBatch(
      { bots: this.bots, sessions: this.sessions, refresher: this.#refresher, writer: this.writer },
      batch,
      enrich,
      this.#now(),
    );
  }

  stats(): { unshipped: number; backlogBytes: number; shipments: number; bots: number } {
    const { unloadedEvents, backlogBytes, loads } = this.writer.stats;
    return { unshipped: unloadedEvents, backlogBytes, shipments: loads, bots: this.bots.snapshot().total };
  }

  /** Logs what is queued, ships everything it can, and writes the touched sessions. */
  async close(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    await this.writer.close();
    await this.#refresher.stop();
  }
}
