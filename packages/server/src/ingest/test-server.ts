/** Test and bench helper: runs `northstar serve` as a child process on a free loopback port. */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const NORTHSTAR_BIN = fileURLToPath(new URL('../../bin/northstar.js', import.meta.url));

/** Only for test and bench servers. */
export const TEST_SERVER_SECRET = 'test-server-only-9hT4qLx2Vr7Kp3Nw8Zb5Mc1Jd6Fs0Ga';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs a CLI command to completion; stdout is returned, a non-zero exit throws with stderr. */
export function runCli(dataDir: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [NORTHSTAR_BIN, '--data', dataDir, ...args], (error, stdout, stderr) => {
      if (error) reject(new Error(`northstar ${args.join(' ')} failed: ${stderr}`));
      else resolve(stdout);
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** SIGTERM and wait for a clean exit (the writer commits what is queued). */
  stop(): Promise<void>;
  /** SIGKILL: no chance to flush anything. */
  kill(): Promise<void>;
}

export async function startServer(dataDir: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, NORTHSTAR_BIN, '--data', dataDir, 'serve', '--port', String(port)], {
    // `serve` outside the loopback demo refuses to start without a secret.
    env: { NORTHSTAR_SECRET: TEST_SERVER_SECRET, ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s: ${stderr}`)), 60_000);
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      if (out.includes('Northstar is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}: ${stderr}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
