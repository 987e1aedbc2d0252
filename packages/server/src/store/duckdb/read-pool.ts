import type { DuckDBConnection, DuckDBInstance, DuckDBPreparedStatement, DuckDBResultReader, DuckDBValue } from '@duckdb/node-api';

/** Prepared statements kept a connection; a dashboard asks a few dozen distinct queries. */
const PREPARED_PER_CONNECTION = 128;

interface Lane {
  connection: DuckDBConnection;
  /** By SQL text, least recently used first. */
  prepared: Map<string, DuckDBPreparedStatement>;
}

/** A read waiting for a free connection. */
type Job = (lane: Lane) => Promise<void>;

/**
 * Connections of the store's instance for read-only queries, so a dashboard's tiles run side by
 * side instead of one after another behind writes. DuckDB is MVCC: each read sees the data
 * committed when it starts. A connection runs one statement at a time; reads wait in one queue,
 * in arrival order, and the first connection free takes the next, so a short tile never waits
 * behind a long one while another connection is idle.
 *
 * Each connection keeps its statements prepared, by SQL text: the compiled KPI queries repeat
 * with new bound values, and parsing, binding and optimising one costs 1–3 ms, often more than
 * running it. DuckDB rebinds a prepared statement itself when the tables it reads change; one
 * that fails is dropped, so the next call prepares it afresh.
 */
export class ReadPool {
  private readonly idle: Lane[];
  private readonly waiting: Job[] = [];
  /** Set by the first close(); later calls wait for the same one. */
  private closing: Promise<void> | undefined;
  private drained: (() => void) | undefined;

  private constructor(private readonly lanes: Lane[]) {
    this.idle = [...lanes];
  }

  static async open(instance: DuckDBInstance, size: number): Promise<ReadPool> {
    const lanes: Lane[] = [];
    for (let i = 0; i < size; i++) lanes.push({ connection: await instance.connect(), prepared: new Map() });
    return new ReadPool(lanes);
  }

  /** Runs one statement with bound values and reads its whole result. */
  read(sql: string, values: readonly DuckDBValue[] = []): Promise<DuckDBResultReader> {
    if (this.closing) return Promise.reject(new Error('read pool is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push(async (lane) => {
        try {
          resolve(await this.run(lane, sql, values));
        } catch (error) {
          reject(error);
        }
      });
      this.dispatch();
    });
  }

  /** Hands waiting reads to idle connections; each connection takes the next read when it is done. */
  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const lane = this.idle.pop() as Lane;
      const job = this.waiting.shift() as Job;
      void job(lane).finally(() => {
        this.idle.push(lane);
        this.dispatch();
        if (this.idle.length === this.lanes.length) this.drained?.();
      });
    }
  }

  private async run(lane: Lane, sql: string, values: readonly DuckDBValue[]): Promise<DuckDBResultReader> {
    const statement = await this.prepared(lane, sql);
    try {
      statement.clearBindings();
      if (values.length > 0) statement.bind([...values]);
      return await statement.runAndReadAll();
    } catch (error) {
      lane.prepared.delete(sql);
      statement.destroySync();
      throw error;
    }
  }

  private async prepared(lane: Lane, sql: string): Promise<DuckDBPreparedStatement> {
    const cached = lane.prepared.get(sql);
    if (cached) {
      lane.prepared.delete(sql); // re-inserted below: most recently used last
      lane.prepared.set(sql, cached);
      return cached;
    }
    const statement = await lane.connection.prepare(sql);
    lane.prepared.set(sql, statement);
    for (const [oldest, evicted] of lane.prepared) {
      if (lane.prepared.size <= PREPARED_PER_CONNECTION) break;
      lane.prepared.delete(oldest);
      evicted.destroySync();
    }
    return statement;
  }

  /** Lets queued and running reads finish, refuses new ones, then closes the connections. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    if (this.idle.length < this.lanes.length) {
      await new Promise<void>((resolve) => {
        this.drained = resolve;
      });
    }
    for (const { connection, prepared } of this.lanes.splice(0)) {
      for (const statement of prepared.values()) statement.destroySync();
      prepared.clear();
      connection.closeSync();
    }
  }
}
