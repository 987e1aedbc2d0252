/**
 * The live ingestion pipeline behind /collect and /events, top to bottom: validated rows are
 * enriched (bots dropped and counted), sessionized live where the sender gave no session, handed to
 * the group-commit writer, and the touched sessions are written within a second of the commit.
 */
import type { ParsedRow, StoredRow } from '@northstar/core';
import type { MetadataStore } from '../meta/metadata-store.ts';
import type { Store } from '../store/store.ts';
import { BotStats } from './bot-stats.ts';
import { type EnrichOptions, enrichEvent } from './enrich-event.ts';
import { EventWriter, type EventWriterOptions } from './event-writer.ts';
import { DEDUP_WINDOW_MS, HOUR_MS } from './limits.ts';
import { LIVE_PAST_MS, LiveSessions } from './live-sessions.ts';
import { LoggedWriter, type LoggedWriterOptions } from './logged-writer.ts';
import type { EventError } from './payload-schemas.ts';
import { SessionRefresher } from './session-refresher.ts';
import { VisitorIds } from './visitor-id.ts';

export interface IngestPipelineOptions extends Omit<EventWriterOptions, 'onCommitted'>, Omit<LoggedWriterOptions, 'onCommitted'> {
  /**
   * The ingest log's directory (a server with a data directory): a 2xx then means the events are
   * synced to the log, and a loader moves them into the store. Without one (an in-memory store),
   * each group of requests is committed to the store before they are answered.
   */
  logDir?: string;
  /** How often touched sessions are rebuilt. */
  sessionRefreshMs?: number;
}

/** What one request sent: its valid rows and the errors of the others. */
export interface IngestBatch {
  received: number;
  rows: readonly ParsedRow[];
  errors: EventError[];
}

export interface IngestSummary {
  received: number;
  /** Events committed by this request. */
  stored: number;
  /** Events already stored (retries): not stored again. */
  duplicates: number;
  /** Events dropped as bots (counted by reason, see GET /api/v1/ingest/stats). */
  bots: number;
  rejected: number;
  errors: EventError[];
}

const TIMEZONE_TTL_MS = 60_000;

export class IngestPipeline {
  readonly writer: EventWriter | LoggedWriter;
  readonly sessions = new LiveSessions();
  readonly bots: BotStats;
  readonly visitorIds: VisitorIds;
  readonly #store: Store;
  readonly #refresher: SessionRefresher;
  readonly #now: () => number;
  readonly #timers: NodeJS.Timeout[] = [];
  #timezone: { value: string; at: number } | undefined;
  #timezoneLoad: Promise<string> | undefined;

  private constructor(store: Store, meta: MetadataStore, options: IngestPipelineOptions) {
    this.#store = store;
    this.#now = options.now ?? Date.now;
    this.#refresher = new SessionRefresher(store, options.sessionRefreshMs ?? 1000);
    const onCommitted = (rows: readonly StoredRow[]) => this.#refresher.note(rows);
    this.writer =
      options.logDir === undefined
        ? new EventWriter(store, { ...options, onCommitted })
        : new LoggedWriter(store, options.logDir, { ...options, onCommitted });
    this.bots = new BotStats(meta);
    this.visitorIds = new VisitorIds(meta);
  }

  /** Restores retry ids, visitors' sessions and bot counts from the store, then starts the timers. */
  static async start(store: Store, meta: MetadataStore, options: IngestPipelineOptions = {}): Promise<IngestPipeline> {
    const pipeline = new IngestPipeline(store, meta, options);
    await pipeline.writer.start();
    const states = await store.liveSessionStates(pipeline.#now() - LIVE_PAST_MS);
    pipeline.sessions.restore(states);
    // Sessions of the last moments before a crash may not have been rebuilt yet.
    await store.refreshSessionsFor(
      states.map((s) => s.sessionId),
      pipeline.#now() - DEDUP_WINDOW_MS,
    );
    await pipeline.bots.load();
    pipeline.#refresher.start();
    pipeline.#every(60_000, async () => {
      pipeline.sessions.sweep(pipeline.#now());
      pipeline.#refresher.sweep(pipeline.#now());
      await pipeline.bots.save();
      // Collectors only read the day's visitor salt: the server sets it even without tracker traffic.
      await pipeline.visitorIds.rotate(pipeline.#now());
    });
    pipeline.#every(HOUR_MS, async () => {
      pipeline.writer.recentIds.expire(pipeline.#now());
      await store.pruneLiveEventIds(pipeline.#now() - DEDUP_WINDOW_MS - HOUR_MS);
    });
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

  /**
   * The workspace timezone (for timestamps sent without an offset), re-read once a minute in the
   * background: requests keep the known value meanwhile rather than queue behind other queries.
   */
  timezone(): string | Promise<string> {
    const now = this.#now();
    if (this.#timezone && now - this.#timezone.at <= TIMEZONE_TTL_MS) return this.#timezone.value;
    this.#timezoneLoad ??= this.#store
      .getSettings()
      .then(({ timezone }) => {
        this.#timezone = { value: timezone, at: this.#now() };
        return timezone;
      })
      .finally(() => {
        this.#timezoneLoad = undefined;
      });
    if (this.#timezone) {
      this.#timezoneLoad.catch(() => undefined);
      return this.#timezone.value;
    }
    return this.#timezoneLoad;
  }

  /** Throws 503 with Retry-After when the writer is full: ask before parsing a request. */
  admit(): void {
    this.writer.admit();
  }

  async ingest(batch: IngestBatch, enrich: EnrichOptions): Promise<IngestSummary> {
    return ingestBatch(
      { bots: this.bots, sessions: this.sessions, refresher: this.#refresher, writer: this.writer },
      batch,
      enrich,
      this.#now(),
    );
  }

  stats(): Record<string, unknown> {
    return { bots: this.bots.snapshot(), writer: this.writer.stats, liveVisitors: this.sessions.size };
  }

  /** Commits what is queued, rebuilds the touched sessions and saves the bot counts. */
  async close(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    await this.writer.close();
    await this.#refresher.stop();
    await this.bots.save();
  }
}

/** What enriching, sessionizing and writing a batch needs: the server's pipeline and a collector's alike. */
export interface IngestParts {
  bots: BotStats;
  sessions: LiveSessions;
  refresher: SessionRefresher;
  writer: Pick<LoggedWriter, 'write'>;
}

/** Enriches a validated batch (dropping and counting bots), gives live events their sessions, writes them. */
export async function ingestBatch(parts: IngestParts, batch: IngestBatch, enrich: EnrichOptions, now: number): Promise<IngestSummary> {
  const rows: StoredRow[] = [];
  let bots = 0;
  for (const parsed of batch.rows) {
    const event = enrichEvent(parsed, enrich);
    if ('bot' in event) {
      parts.bots.count(event.bot);
      bots++;
      continue;
    }
    rows.push(event as unknown as StoredRow);
  }
  sessionize(parts, rows, now);
  const written = await parts.writer.write(rows);
  return {
    received: batch.received,
    stored: written.stored,
    duplicates: written.duplicates,
    bots,
    rejected: batch.received - batch.rows.length,
    errors: batch.errors,
  };
}

/** Gives live events without a session id theirs, in time order. */
function sessionize({ sessions, refresher }: IngestParts, rows: StoredRow[], now: number): void {
  const live = rows.filter(
    (row) => row.session_id === null && typeof row.visitor_id === 'string' && sessions.isLive(Number(row.timestamp), now),
  );
  if (live.length > 1) live.sort((a, b) => Number(a.timestamp) - Number(b.timestamp));
  for (const row of live) {
    const step = sessions.assignStep(String(row.site), String(row.visitor_id), {
      timestampMs: Number(row.timestamp),
      source: row.source as string | null,
      medium: row.medium as string | null,
      campaign: row.campaign as string | null,
    });
    row.session_id = step.sessionId;
    if (step.started) refresher.expectStart(step.sessionId, now);
  }
}
