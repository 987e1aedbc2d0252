/**
 * The write side of live ingestion: connections of its own to the store's DuckDB instance, so group
 * commits never wait behind a dashboard query, an import or the session refresh on the store's
 * main connection (DuckDB runs transactions of several connections side by side; appends do not
 * conflict). Two of them let one commit be built while the last one syncs to disk. The appenders
 * of `events` and of the id log stay open across commits: each commit is BEGIN, the appends, COMMIT.
 */
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { STORED_TABLES, type StoredRow } from '@northstar/core';
import { appendRows, type ColumnDef } from './chunk-writer.ts';

const ID_LOG_COLUMNS: readonly ColumnDef[] = [
  ['event_id', 'string'],
  ['received_at', 'timestamp'],
];
const PROBE_COLUMN: readonly ColumnDef[] = [['event_id', 'string']];
const SINCE = 'received_at >= epoch_ms(CAST($1 AS BIGINT))';
const WRITERS = 2;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs tasks one after another: a connection holds one transaction at a time. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** Tasks queued or running. */
  get pending(): number {
    return this.#pending;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.#pending++;
    const next = this.#tail.then(task, task).finally(() => {
      this.#pending--;
    });
    this.#tail = next.catch(() => undefined);
    return next;
  }
}

/** One write connection with its open appenders. */
class Writer {
  readonly queue = new SerialQueue();
  #events: DuckDBAppender | undefined;
  #ids: DuckDBAppender | undefined;

  constructor(readonly connection: DuckDBConnection) {}

  async append(rows: readonly StoredRow[], receivedAtMs: number, yieldEveryRows = Number.POSITIVE_INFINITY): Promise<void> {
    const ids = rows.map((row) => ({ event_id: row.event_id ?? null, received_at: receivedAtMs }));
    this.#events ??= await this.connection.createAppender('events');
    this.#ids ??= await this.connection.createAppender('ingest_event_ids');
    await this.connection.run('BEGIN TRANSACTION');
    try {
      // Filling and flushing an appender runs on the event loop: slices keep each stall short.
      const slice = Math.max(1, yieldEveryRows);
      for (let start = 0; start < rows.length; start += slice) {
        if (start > 0) await yieldToEventLoop();
        appendRows(this.#events, STORED_TABLES.events.columns, rows.slice(start, start + slice));
        this.#events.flushSync();
        appendRows(this.#ids, ID_LOG_COLUMNS, ids.slice(start, start + slice));
        this.#ids.flushSync();
      }
      await this.connection.run('COMMIT');
    } catch (error) {
      this.#discardAppenders();
      await this.connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** An appender that failed may still hold rows: it is dropped and a fresh one made next time. */
  #discardAppenders(): void {
    for (const appender of [this.#events, this.#ids]) {
      try {
        appender?.clear();
        appender?.closeSync();
      } catch {
        // Nothing left to save in a broken appender.
      }
    }
    this.#events = undefined;
    this.#ids = undefined;
  }

  close(): void {
    this.#events?.closeSync();
    this.#ids?.closeSync();
    this.connection.closeSync();
  }
}

export class LiveEventLog {
  private constructor(private readonly writers: readonly [Writer, ...Writer[]]) {}

  static async open(instance: DuckDBInstance): Promise<LiveEventLog> {
    const writers = [new Writer(await instance.connect())] as [Writer, ...Writer[]];
    while (writers.length < WRITERS) writers.push(new Writer(await instance.connect()));
    return new LiveEventLog(writers);
  }

  /** Appends the events and logs their ids with the arrival time, in one transaction. */
  append(rows: readonly StoredRow[], receivedAtMs: number, yieldEveryRows?: number): Promise<void> {
    let writer = this.writers[0];
    for (const other of this.writers) if (other.queue.pending < writer.queue.pending) writer = other;
    return writer.queue.run(() => writer.append(rows, receivedAtMs, yieldEveryRows));
  }

  /** Ids logged since `sinceMs`; with `ids`, only those of them that are logged. */
  ids(sinceMs: number, ids?: readonly string[]): Promise<string[]> {
    const { connection, queue } = this.writers[0];
    return queue.run(async () => {
      let sql = `SELECT DISTINCT event_id FROM ingest_event_ids WHERE ${SINCE}`;
      if (ids !== undefined) {
        await connection.run('CREATE TEMP TABLE IF NOT EXISTS _probe_ids (event_id VARCHAR)');
        await connection.run('DELETE FROM _probe_ids');
        const probe = await connection.createAppender('_probe_ids');
        appendRows(
          probe,
          PROBE_COLUMN,
          ids.map((event_id) => ({ event_id })),
        );
        probe.closeSync();
        sql = `SELECT DISTINCT event_id FROM ingest_event_ids SEMI JOIN _probe_ids USING (event_id) WHERE ${SINCE}`;
      }
      const reader = await connection.runAndReadAll(sql, [sinceMs] as DuckDBValue[]);
      return reader.getRowObjectsJS().map((row) => String(row.event_id));
    });
  }

  /** Forgets logged ids that arrived before `beforeMs` (the events stay). */
  prune(beforeMs: number): Promise<void> {
    const { connection, queue } = this.writers[0];
    return queue.run(async () => {
      await connection.run(`DELETE FROM ingest_event_ids WHERE received_at < epoch_ms(CAST($1 AS BIGINT))`, [beforeMs]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.writers.map((writer) => writer.queue.run(async () => writer.close())));
  }
}
