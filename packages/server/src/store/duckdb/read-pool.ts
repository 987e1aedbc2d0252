import type { DuckDBConnection, DuckDBInstance, DuckDBPreparedStatement, DuckDBResultReader, DuckDBValue } from '@duckdb/node-api';
import { SerialQueue } from './live-event-log.ts';

/** Prepared statements kept a connection; a dashboard asks a few dozen distinct queries. */
const PREPARED_PER_CONNECTION = 128;

interface Lane {
  connection: DuckDBConnection;
  queue: SerialQueue;
  /** By SQL text, least recently used first. */
  prepared: Map<string, DuckDBPreparedStatement>;
}

/**
 * Connections of the store's instance for read-only queries, so a dashboard's tiles run side by
 * side instead of one after another behind writes. DuckDB is MVCC: each read sees the data
 * committed when it starts. A connection runs one statement at a time; a query goes to the
 * connection with the fewest queued.
 *
 * Each connection keeps its statements prepared, by SQL text: the compiled KPI queries repeat
 * with new bound values, and parsing, binding and optimising one costs 1–3 ms, often more than
 * running it. DuckDB rebinds a prepared statement itself when the tables it reads change; one
 * that fails is dropped, so the next call prepares it afresh.
 */
export class ReadPool {
  private constructor(private readonly lanes: Lane[]) {}

  static async open(instance: DuckDBInstance, size: number): Promise<ReadPool> {
    const lanes: Lane[] = [];
    for (let i = 0; i < size; i++) lanes.push({ connection: await instance.connect(), queue: new SerialQueue(), prepared: new Map() });
    return new ReadPool(lanes);
  }

  /** Runs one statement with bound values and reads its whole result. */
  read(sql: string, values: readonly DuckDBValue[] = []): Promise<DuckDBResultReader> {
    const lane = this.pick();
    return lane.queue.run(async () => {
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
    });
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

  private pick(): Lane {
    let lane = this.lanes[0];
    for (const candidate of this.lanes) if (lane && candidate.queue.pending < lane.queue.pending) lane = candidate;
    if (!lane) throw new Error('read pool is closed');
    return lane;
  }

  /** Waits for running reads, then closes the connections. */
  async close(): Promise<void> {
    const lanes = this.lanes.splice(0);
    await Promise.all(
      lanes.map(({ connection, queue, prepared }) =>
        queue.run(async () => {
          for (const statement of prepared.values()) statement.destroySync();
          prepared.clear();
          connection.closeSync();
        }),
      ),
    );
  }
}
