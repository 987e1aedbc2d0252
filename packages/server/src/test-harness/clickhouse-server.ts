/**
 * Starts throwaway clickhouse-server processes from Debian's package on loopback ports, each with
 * its own temp data dir and config: one server, or a two-shard cluster (two servers that list each
 * other in remote_servers). Used by tests and by `.ci/run`; nothing here touches /etc or /var.
 */
import type { ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, runAsUser, waitUntil } from './processes.ts';

export interface ClickHouseServer {
  url: string;
  httpPort: number;
  tcpPort: number;
  stop(): Promise<void>;
}

export interface ClickHouseCluster {
  /** HTTP URL of the first server; queries go through its Distributed tables. */
  url: string;
  clusterName: string;
  servers: ClickHouseServer[];
  stop(): Promise<void>;
}

export const CLUSTER_NAME = 'northstar_test';
const BINARY = process.env.NORTHSTAR_CLICKHOUSE_BIN ?? '/usr/sbin/clickhouse-server';
/**
 * The servers' own timezone: not UTC (and not a whole-hour offset), so an insert or a query that
 * leans on the server's zone instead of UTC fails the suites. NORTHSTAR_TEST_CLICKHOUSE_TZ overrides.
 */
const SERVER_TIMEZONE = process.env.NORTHSTAR_TEST_CLICKHOUSE_TZ ?? 'Asia/Kolkata';

function configXml(dir: string, http: number, tcp: number, interserver: number, shards: number[]): string {
  const remote =
    shards.length === 0
      ? ''
      : `<remote_servers><${CLUSTER_NAME}>${shards
          .map((port) => `<shard><replica><host>127.0.0.1</host><port>${port}</port></replica></shard>`)
          .join('')}</${CLUSTER_NAME}></remote_servers>`;
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/server.err.log</errorlog><console>0</console></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <interserver_http_port>${interserver}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <timezone>${SERVER_TIMEZONE}</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mlock_executable>false</mlock_executable>
  ${remote}
</yandex>`;
}

const USERS_XML = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage><load_balancing>in_order</load_balancing></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>`;

async function startOne(ports: { http: number; tcp: number; interserver: number }, shards: number[]): Promise<ClickHouseServer> {
  const dir = mkdtempSync(join(tmpdir(), 'northstar-ch-'));
  for (const sub of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'config.xml'), configXml(dir, ports.http, ports.tcp, ports.interserver, shards));
  writeFileSync(join(dir, 'users.xml'), USERS_XML);
  chmodSync(dir, 0o755);
  const child: ChildProcess = runAsUser(BINARY, [`--config-file=${join(dir, 'config.xml')}`], dir, (uid, gid) => chownTree(dir, uid, gid));
  const url = `http://127.0.0.1:${ports.http}`;
  try {
    await waitUntil(
      async () => (await fetch(`${url}/?query=SELECT%201`)).ok,
      30_000,
      () => child.exitCode !== null,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`clickhouse-server did not start (logs in ${dir}): ${String(error)}`);
  }
  return {
    url,
    httpPort: ports.http,
    tcpPort: ports.tcp,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function chownTree(dir: string, uid: number, gid: number): void {
  for (const path of [dir, ...['data', 'tmp', 'user_files', 'format_schemas', 'config.xml', 'users.xml'].map((p) => join(dir, p))]) {
    chownSync(path, uid, gid);
  }
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function startClickHouse(): Promise<ClickHouseServer> {
  return startOne({ http: await freePort(), tcp: await freePort(), interserver: await freePort() }, []);
}

/** Two servers, one shard each; both know the cluster so either can host the Distributed tables. */
export async function startClickHouseCluster(): Promise<ClickHouseCluster> {
  const ports = [0, 1].map(() => ({ http: 0, tcp: 0, interserver: 0 }));
  for (const p of ports) {
    p.http = await freePort();
    p.tcp = await freePort();
    p.interserver = await freePort();
  }
  const shards = ports.map((p) => p.tcp);
  const servers = await Promise.all(ports.map((p) => startOne(p, shards)));
  return {
    url: servers[0]?.url as string,
    clusterName: CLUSTER_NAME,
    servers,
    stop: async () => void (await Promise.all(servers.map((s) => s.stop()))),
  };
}
