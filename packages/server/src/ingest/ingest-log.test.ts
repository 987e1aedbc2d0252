import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredRow } from '@northstar/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { decodeSegment, encodeRecord, encodeRecordParts, IngestLog, recoverLog } from './ingest-log.ts';
import { replayIngestLog } from './log-loader.ts';

let dir: string;
let store: DuckDbStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'northstar-log-'));
  store = await DuckDbStore.open({ path: ':memory:' });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const NOW = Date.now();

function event(id: string): StoredRow {
  return { event_id: id, site: 'shop', timestamp: NOW, type: 'custom', name: 'tick', visitor_id: 'v1' };
}

const json = (ids: string[]) => ids.map((id) => JSON.stringify(event(id)));

async function logGroups(...groups: string[][]): Promise<IngestLog> {
  const log = await IngestLog.open(dir, (await recoverLog(dir)).end);
  for (const ids of groups) await log.append(encodeRecord(NOW, json(ids)));
  return log;
}

const segment = () => join(dir, readdirSync(dir).find((name) => name.endsWith('.log')) as string);
const storedIds = async () => (await store.query('SELECT event_id FROM events ORDER BY event_id')).map((r) => r.event_id);

describe('the ingest log', () => {
  it.each([
    ['a record cut short by the crash', (record: Buffer) => record.subarray(0, record.length - 5)],
    ['a header without its payload', (record: Buffer) => record.subarray(0, 6)],
    ['a record whose checksum fails', (record: Buffer) => Buffer.concat([record.subarray(0, 12), Buffer.from('X'), record.subarray(13)])],
  ])('recovers from %s: truncates it, keeps the records before it and appends after it', async (_name, tear) => {
    await (await logGroups(['a1', 'a2'], ['b1'])).close();
    const good = statSync(segment()).size;
    appendFileSync(segment(), tear(encodeRecord(NOW, json(['torn']))));

    const recovered = await recoverLog(dir);
    expect(recovered.records.flatMap((r) => r.rows.map((row) => row.event_id))).toEqual(['a1', 'a2', 'b1']);
    expect(recovered.end).toBe(good);
    expect(statSync(segment()).size).toBe(good);

    await (await logGroups(['c1'])).close();
    const replayed = await replayIngestLog(store, dir);
    expect(replayed.stored).toBe(4);
    expect(await storedIds()).toEqual(['a1', 'a2', 'b1', 'c1']);
  });

  it('stores each event once when a crash came between the load and the loaded position', async () => {
    await (await logGroups(['a1', 'a2'], ['b1', 'b2'])).close();
    expect((await replayIngestLog(store, dir)).stored).toBe(4);
    // The store committed, the position never made it to disk.
    writeFileSync(join(dir, 'loaded'), '0');
    await (await logGroups(['c1'])).close();
    expect((await replayIngestLog(store, dir)).stored).toBe(1);
    expect(await storedIds()).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
  });

  it('replays idempotently: a second replay, a garbled position or an id logged twice store nothing twice', async () => {
    await (await logGroups(['a1', 'a2'], ['a2', 'b1'])).close();
    expect((await replayIngestLog(store, dir)).stored).toBe(3);
    expect((await replayIngestLog(store, dir)).stored).toBe(0);
    writeFileSync(join(dir, 'loaded'), 'garbage');
    expect((await replayIngestLog(store, dir)).stored).toBe(0);
    expect(await storedIds()).toEqual(['a1', 'a2', 'b1']);
  });

  it('encodes the rows each request serialised as the record a join of their JSON gives', () => {
    const requests = [['a1', 'a2'], ['b1'], ['c\u00e9\u{1F600}']].map((ids) => ids.map(event));
    const parts = requests.map((rows) => Buffer.from(JSON.stringify(rows)).subarray(1, -1));
    const record = encodeRecordParts(NOW, parts);
    expect(record).toEqual(
      encodeRecord(
        NOW,
        requests.flat().map((row) => JSON.stringify(row)),
      ),
    );
    const { records, validBytes } = decodeSegment(record, 0);
    expect(validBytes).toBe(record.length);
    expect(records[0]?.rows).toEqual(requests.flat());
    expect(decodeSegment(encodeRecordParts(NOW, []), 0).records[0]?.rows).toEqual([]);
  });

  it('removes loaded segments and starts a new one past the segment size', async () => {
    const log = await IngestLog.open(dir, 0, 100);
    for (let i = 0; i < 5; i++) await log.append(encodeRecord(NOW, json([`e${i}`])));
    await log.close();
    expect(readdirSync(dir).filter((name) => name.endsWith('.log')).length).toBeGreaterThan(1);
    expect((await replayIngestLog(store, dir)).stored).toBe(5);
    // Only the newest segment is left (appends may be going to it), with nothing left to load.
    expect(readdirSync(dir).filter((name) => name.endsWith('.log')).length).toBe(1);
    expect((await recoverLog(dir)).records).toEqual([]);
    expect((await replayIngestLog(store, dir)).stored).toBe(0);
  });
});
