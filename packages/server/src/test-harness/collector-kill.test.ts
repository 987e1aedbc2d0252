/**
 * Scale-out ingestion under a crash: two `northstar collector` processes write to the two-shard
 * ClickHouse cluster (metadata in PostgreSQL). Clients post batches alternately to both; one
 * collector is killed with SIGKILL mid-stream and restarted on its data directory; then every
 * batch is sent again, to the other collector than the first time. Every acknowledged event must
 * be stored, and every event exactly once, as the store's read path (the FINAL views) sees it.
 *   NORTHSTAR_TEST_ENGINE=clickhouse-cluster npx vitest run -c packages/server/src/test-harness/vitest.engines.config.ts collector-kill
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORTHSTAR_BIN } from '../ingest/test-server.ts';
import { engineConfigFromEnv, openClickHouse } from '../store/open-store.ts';
import { clickHouseTarget, testEngine } from './engine-stores.ts';
import { type PostgresServer, startPostgres } from './postgres-server.ts';
import { freePort, waitUntil } from './processes.ts';

const CLIENTS = 4;
const BATCH = 50;

interface Collector {
  url: string;
  child: ChildProcess;
  exited: Promise<void>;
}

let dir: string;
let postgres: PostgresServer | undefined;
let env: Record<string, string>;
let key: string;
const collectors: Array<Collector | undefined> = [];

function runCli(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [NORTHSTAR_BIN, '--data', join(dir, 'admin'), ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => (error ? reject(new Error(`northstar ${args.join(' ')} failed: ${stderr}`)) : resolve(stdout)),
    );
  });
}

async function startCollector(name: string): Promise<Collector> {
  const port = await freePort();
  const child = spawn(process.execPath, [NORTHSTAR_BIN, '--data', join(dir, name), 'collector', '--port', String(port)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntil(
    async () => output.includes('collector is running'),
    60_000,
    () => child.exitCode !== null,
  ).catch((error) => {
    child.kill('SIGKILL');
    throw new Error(`collector ${name} did not start: ${String(error)}\n${output}`);
  });
  return { url: `http://127.0.0.1:${port}`, child, exited };
}

async function stopCollector(collector: Collector | undefined, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (!collector || collector.child.exitCode !== null || collector.child.signalCode !== null) return;
  collector.child.kill(signal);
  await collector.exited;
}

function batchOf(client: number, n: number): string {
  const now = new Date().toISOString();
  const events = Array.from({ length: BATCH }, (_, i) => ({
    event_id: `c${client}-b${n}-e${i}`,
    timestamp: now,
    type: i === 0 ? 'pageview' : 'custom',
    name: 'tick',
    visitor_id: `visitor-${client}-${n % 7}`,
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
    return 0; // the connection died with the collector
  }
}

/** Waits until the running collectors have shipped everything they acknowledged. */
async function drained(): Promise<void> {
  await waitUntil(async () => {
    for (const collector of collectors) {
      if (!collector || collector.child.exitCode !== null || collector.child.signalCode !== null) continue;
      const health = (await (await fetch(`${collector.url}/api/v1/health`)).json()) as { unshipped: number };
      if (health.unshipped !== 0) return false;
    }
    return true;
  }, 60_000);
}

/** Stored events by id, read through the store (the FINAL views compiled metric SQL reads). */
async function storedCounts(): Promise<{ byId: Map<string, number>; total: number }> {
  const store = await openClickHouse(engineConfigFromEnv('', env));
  try {
    const rows = await store.query('SELECT event_id, count() AS n FROM events GROUP BY event_id');
    return { byId: new Map(rows.map((r) => [String(r.event_id), Number(r.n)])), total: await store.count('events') };
  } finally {
    await store.close();
  }
}

const onCluster = testEngine() === 'clickhouse-cluster' && !!process.env.NORTHSTAR_TEST_CLICKHOUSE_CLUSTER_URLS;

describe.skipIf(!onCluster)('two collectors into the two-shard cluster, one killed with SIGKILL', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'northstar-collectors-'));
    const target = clickHouseTarget('clickhouse-cluster');
    const database = `t_${randomUUID().replaceAll('-', '')}`;
    for (const url of target.urls) {
      const admin = createClient({ url });
      await admin.command({ query: `CREATE DATABASE ${database}` });
      await admin.close();
    }
    postgres = await startPostgres();
    env = {
      NORTHSTAR_CLICKHOUSE_URL: target.urls.join(','),
      NORTHSTAR_CLICKHOUSE_CLUSTER: target.cluster ?? '',
      NORTHSTAR_CLICKHOUSE_DATABASE: database,
      NORTHSTAR_POSTGRES_URL: postgres.url,
    };
    key = (await runCli('keys', 'create', '--scope', 'ingest')).trim();
    collectors[0] = await startCollector('collector-a');
    collectors[1] = await startCollector('collector-b');
  });
  afterAll(async () => {
    for (const collector of collectors) await stopCollector(collector, 'SIGKILL');
    await postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged event and stores each resent event once', async () => {
    const sent: Array<[client: number, n: number]> = [];
    const acknowledged = new Set<string>();
    const acknowledgedByA = new Set<string>();
    let stop = false;
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      for (let n = 0; !stop; n++) {
        const via = n % 2;
        const collector = collectors[via] as Collector;
        sent.push([client, n]);
        const status = await post(collector.url, batchOf(client, n));
        if (status >= 200 && status < 300) {
          for (let i = 0; i < BATCH; i++) acknowledged.add(`c${client}-b${n}-e${i}`);
          if (via === 0) for (let i = 0; i < BATCH; i++) acknowledgedByA.add(`c${client}-b${n}-e${i}`);
        }
        if (status === 0) return;
      }
    });
    // Kill collector A once both have taken a good number of batches, with requests in flight.
    while (acknowledgedByA.size < 30 * BATCH || acknowledged.size < 60 * BATCH) await new Promise((resolve) => setTimeout(resolve, 10));
    await stopCollector(collectors[0], 'SIGKILL');
    stop = true;
    await Promise.all(clients);

    // B ships what it acknowledged; A's unshipped events are only in its log now.
    await drained();
    const beforeRestart = await storedCounts();
    const onlyInLog = [...acknowledgedByA].filter((id) => !beforeRestart.byId.has(id));
    expect(onlyInLog.length).toBeGreaterThan(0);

    collectors[0] = await startCollector('collector-a');
    const afterRestart = await storedCounts();
    expect([...acknowledged].filter((id) => !afterRestart.byId.has(id))).toEqual([]);

    // Every batch again, through the other collector than the first time (a client's retry).
    for (const [client, n] of sent) {
      const collector = collectors[(n + 1) % 2] as Collector;
      expect([client, n, await post(collector.url, batchOf(client, n))]).toEqual([client, n, 200]);
    }
    await drained();
    for (const collector of collectors) await stopCollector(collector, 'SIGTERM');

    const final = await storedCounts();
    const expected = new Set(sent.flatMap(([client, n]) => Array.from({ length: BATCH }, (_, i) => `c${client}-b${n}-e${i}`)));
    expect(final.byId.size).toBe(expected.size);
    expect(final.total).toBe(expected.size);
    expect([...final.byId.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect([...expected].filter((id) => !final.byId.has(id))).toEqual([]);
  }, 300_000);
});
