import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from './duckdb-store.ts';

let store: DuckDbStore;
beforeAll(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
});
afterAll(async () => store.close());

describe('ReadPool.close', () => {
  it('finishes the reads already asked, then refuses new ones', async () => {
    const own = await DuckDbStore.open({ path: ':memory:' });
    const reads = Array.from({ length: 5 }, (_, i) => own.read('SELECT $1 AS n', [i]));
    await Promise.all([own.close(), own.close()]); // a second close waits for the first, it does not hang
    expect((await Promise.all(reads)).map((rows) => rows[0]?.n)).toEqual([0, 1, 2, 3, 4]);
    await expect(own.read('SELECT 1 AS n')).rejects.toThrow(/closed/);
  });
});

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

  it('reuses a prepared statement across new data, a changed table and a failure', async () => {
    const sql = 'SELECT sum(n) AS s FROM prepared_probe WHERE n >= $1';
    await store.query('CREATE TABLE prepared_probe (n INTEGER)');
    await store.query('INSERT INTO prepared_probe VALUES (1), (2)');
    // Enough calls that both connections of the pool hold the statement.
    for (let i = 0; i < 4; i++) expect(await store.read(sql, [0])).toEqual([{ s: 3 }]);
    await store.query('INSERT INTO prepared_probe VALUES (10)');
    expect(await Promise.all([store.read(sql, [2]), store.read(sql, [2])])).toEqual([[{ s: 12 }], [{ s: 12 }]]);
    await store.query('DROP TABLE prepared_probe');
    await expect(store.read(sql, [0])).rejects.toThrow(/prepared_probe/);
    await store.query('CREATE TABLE prepared_probe (label VARCHAR, n DOUBLE)');
    await store.query("INSERT INTO prepared_probe VALUES ('a', 2.5), ('b', 4)");
    expect(await Promise.all([store.read(sql, [0]), store.read(sql, [3])])).toEqual([[{ s: 6.5 }], [{ s: 4 }]]);
  });

  it('gives the next read to the first connection free, not to one busy with a long read', async () => {
    const finished: string[] = [];
    const track = (label: string, read: Promise<unknown>) => read.then(() => finished.push(label));
    // The pool has two connections: the long read holds one, the short ones take turns on the other.
    const long = track('long', store.read('SELECT sum(i) AS s FROM range(600000000) t(i)'));
    const shorts = Array.from({ length: 3 }, (_, i) => track(`short ${i}`, store.read('SELECT $1 AS n', [i])));
    await Promise.all([long, ...shorts]);
    expect(finished).toEqual(['short 0', 'short 1', 'short 2', 'long']);
  });

  it('keeps serving past the prepared-statement limit', async () => {
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => store.read(`SELECT $1 + ${i} AS n`, [1])));
    expect(answers.map((rows) => rows[0]?.n)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(await store.read('SELECT $1 + 0 AS n', [5])).toEqual([{ n: 5 }]);
  });
});
