/**
 * Durability under a crash: clients post batches while the server is killed with SIGKILL. Every
 * event whose request got a 2xx must be stored after the restart, and resending every batch (as
 * clients retry) must leave each event stored exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../data-dir.ts';
import { runCli, type ServerProcess, startServer } from './test-server.ts';

const CLIENTS = 6;
const BATCH = 50;

let dir: string;
let key: string;
let server: ServerProcess | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'northstar-fault-'));
  key = (await runCli(join(dir, 'data'), 'keys', 'create', '--scope', 'ingest')).trim();
});
afterAll(async () => {
  await server?.kill().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

function batchOf(client: number, n: number): string {
  const now = new Date().toISOString();
  const events = Array.from({ length: BATCH }, (_, i) => ({
    event_id: `c${client}-b${n}-e${i}`,
    timestamp: now,
    type: i === 0 ? 'pageview' : 'custom',
    name: 'tick',
    visitor_id: `visitor-${client}`,
    url: 'https://shop.example/?utm_source=newsletter&utm_medium=email',
  }));
  return JSON.stringify({ events });
}

async function post(url: string, body: string): Promise<number> {
  try {
    const response = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0; // the connection died with the server
  }
}

async function storedCounts(): Promise<Map<string, number>> {
  const store = await openStore(join(dir, 'data'));
  try {
    const rows = await store.query('SELECT event_id, count(*) AS n FROM events GROUP BY event_id');
    return new Map(rows.map((r) => [String(r.event_id), Number(r.n)]));
  } finally {
    await store.close();
  }
}

describe('kill -9 during ingestion', () => {
  it('keeps every acknowledged event and stores resent batches exactly once', async () => {
    server = await startServer(join(dir, 'data'));
    const sent: string[][] = [];
    const acknowledged = new Set<string>();
    let stop = false;
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      for (let n = 0; !stop; n++) {
        const body = batchOf(client, n);
        sent.push(JSON.parse(body).events.map((e: { event_id: string }) => e.event_id));
        const status = await post(server?.url ?? '', body);
        if (status >= 200 && status < 300) for (let i = 0; i < BATCH; i++) acknowledged.add(`c${client}-b${n}-e${i}`);
        if (status === 0) return;
      }
    });
    // Kill once a good number of batches went through, while requests are in flight.
    while (acknowledged.size < 40 * BATCH) await new Promise((resolve) => setTimeout(resolve, 20));
    await server.kill();
    stop = true;
    await Promise.all(clients);
    expect(acknowledged.size).toBeGreaterThanOrEqual(40 * BATCH);

    const afterCrash = await storedCounts();
    const lost = [...acknowledged].filter((id) => !afterCrash.has(id));
    expect(lost).toEqual([]);

    server = await startServer(join(dir, 'data'));
    for (const ids of sent) {
      const client = Number(/^c(\d+)/.exec(ids[0] ?? '')?.[1]);
      const n = Number(/-b(\d+)-/.exec(ids[0] ?? '')?.[1]);
      expect(await post(server.url, batchOf(client, n))).toBe(200);
    }
    await server.stop();
    server = undefined;

    const final = await storedCounts();
    const all = sent.flat();
    expect(final.size).toBe(new Set(all).size);
    expect([...final.values()].every((n) => n === 1)).toBe(true);
    for (const id of all) expect(final.has(id)).toBe(true);
  }, 180_000);
});
