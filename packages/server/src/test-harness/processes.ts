/** Small helpers for the engine harness: free loopback ports, polling, dropping root. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, failed: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (failed()) throw new Error('process exited');
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The unprivileged account engines run as when we are root (PostgreSQL refuses root). */
const SERVICE_USER = process.env.NORTHSTAR_HARNESS_USER ?? 'nobody';

function idsOf(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
  return { uid, gid };
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Spawns `command` in `cwd`; as root, first hands the files to the service user (via `own`) and
 * runs the process as that user.
 */
export function runAsUser(command: string, args: string[], cwd: string, own: (uid: number, gid: number) => void): ChildProcess {
  if (isRoot()) {
    const { uid, gid } = idsOf(SERVICE_USER);
    own(uid, gid);
    return spawn(command, args, { cwd, uid, gid, stdio: 'ignore' });
  }
  return spawn(command, args, { cwd, stdio: 'ignore' });
}

/** Runs a command to completion (as the service user when root). */
export function runAsUserSync(command: string, args: string[], cwd: string): string {
  if (isRoot()) {
    const { uid, gid } = idsOf(SERVICE_USER);
    return execFileSync(command, args, { cwd, uid, gid, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  }
  return execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}
