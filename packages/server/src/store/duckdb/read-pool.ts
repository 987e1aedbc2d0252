import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { SerialQueue } from './live-event-log.ts';

/**
 * Connections of the store's instance for read-only queries, so a dashboard's tiles run side by
 * side instead of one after another behind writes. DuckDB is MVCC: each read sees the data
 * committed when it starts. A connection runs one statement at a time; a query goes to the
 * connection with the fewest queued.
 */
export class ReadPool {
  private constructor(private readonly lanes: Array<{ connection: DuckDBConnection; queue: SerialQueue }>) {}

  static async open(instance: DuckDBInstance, size: number): Promise<ReadPool> {
    const lanes = [];
    for (let i = 0; i < size; i++) lanes.push({ connection: await instance.connect(), queue: new SerialQueue() });
    return new ReadPool(lanes);
  }

  run<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    let lane = this.lanes[0];
    for (const candidate of this.lanes) if (lane && candidate.queue.pending < lane.queue.pending) lane = candidate;
    if (!lane) throw new Error('read pool is closed');
    const { connection, queue } = lane;
    return queue.run(() => work(connection));
  }

  /** Waits for running reads, then closes the connections. */
  async close(): Promise<void> {
    const lanes = this.lanes.splice(0);
    await Promise.all(lanes.map(({ connection, queue }) => queue.run(async () => connection.closeSync())));
  }
}
