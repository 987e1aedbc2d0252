import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from './duckdb-store.ts';

let store: DuckDbStore;
beforeAll(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
});
afterAll(async () => store.close());

describe('DuckDbStore.read', () => {
  it('sees what was committed on the write connection', async () => {
    await store.query('CREATE TABLE read_pool_probe (n INTEGER)');
    await store.query('INSERT INTO read_pool_probe VALUES (1), (2)');
    expect(await store.read('SELECT sum(n) AS s FROM read_pool_probe')).toEqual([{ s: 3 }]);
  });

  it('runs reads while the write queue is busy', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // A write that holds the queue until released; a read must not wait for it.
    const write = (store as unknown as { queue: { run: (task: () => Promise<void>) => Promise<void> } }).queue.run(() => held);
    const rows = await store.read('SELECT $1 + 1 AS n', [41]);
    expect(rows).toEqual([{ n: 42 }]);
    release();
    await write;
  });

  it('answers concurrent reads in full', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => store.read('SELECT $1 * 2 AS n', [i])));
    expect(answers.map((rows) => rows[0]?.n)).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
  });
});
