/**
 * Starts a throwaway PostgreSQL cluster from Debian's package (initdb + pg_ctl) in a temp dir on a
 * loopback port, as an unprivileged user when run as root (PostgreSQL refuses root).
 */
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, isRoot, runAsUserSync } from './processes.ts';

export interface PostgresServer {
  url: string;
  stop(): Promise<void>;
}

function binDir(): string {
  if (process.env.NORTHSTAR_POSTGRES_BIN) return process.env.NORTHSTAR_POSTGRES_BIN;
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'northstar-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  if (isRoot()) {
    const uid = Number(runAsUserSync('id', ['-u'], '/'));
    const gid = Number(runAsUserSync('id', ['-g'], '/'));
    chownSync(dir, uid, gid);
  }
  runAsUserSync(`${bin}/initdb`, ['-D', data, '-U', 'northstar', '--auth=trust', '-E', 'UTF8', '--no-sync'], dir);
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off`;
  runAsUserSync(`${bin}/pg_ctl`, ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', 'start'], dir);
  return {
    url: `postgres://northstar@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        runAsUserSync(`${bin}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', 'stop'], dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
