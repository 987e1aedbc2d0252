/**
 * Vitest global setup: starts one clickhouse-server and a two-shard cluster for the run (unless
 * URLs are already given, e.g. by .ci/run), and stops them at the end.
 */
import { type ClickHouseCluster, type ClickHouseServer, startClickHouse, startClickHouseCluster } from './clickhouse-server.ts';

export default async function setup(): Promise<() => Promise<void>> {
  const started: Array<ClickHouseServer | ClickHouseCluster> = [];
  const engine = process.env.NORTHSTAR_TEST_ENGINE ?? 'all';
  if (!process.env.NORTHSTAR_TEST_CLICKHOUSE_URLS && (engine === 'clickhouse' || engine === 'all')) {
    const server = await startClickHouse();
    started.push(server);
    process.env.NORTHSTAR_TEST_CLICKHOUSE_URLS = server.url;
  }
  if (!process.env.NORTHSTAR_TEST_CLICKHOUSE_CLUSTER_URLS && (engine === 'clickhouse-cluster' || engine === 'all')) {
    const cluster = await startClickHouseCluster();
    started.push(cluster);
    process.env.NORTHSTAR_TEST_CLICKHOUSE_CLUSTER_URLS = cluster.servers.map((s) => s.url).join(',');
    process.env.NORTHSTAR_TEST_CLICKHOUSE_CLUSTER = cluster.clusterName;
  }
  return async () => {
    for (const s of started) await s.stop();
  };
}
