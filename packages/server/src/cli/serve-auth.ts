/**
 * How `northstar serve` authenticates: enforced with NORTHSTAR_SECRET, or open (no login) only for
 * `--demo` on a loopback address without a secret. Anything else without a usable secret refuses
 * to start.
 */
import { assertUsableSecret } from '../auth/secret.ts';
import type { AuthOptions } from '../http/auth/auth-context.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function serveAuth(options: { demo: boolean; host: string; secret: string | undefined }): AuthOptions {
  if (options.secret === undefined && options.demo && isLoopback(options.host)) return { mode: 'open' };
  return { mode: 'enforced', secret: assertUsableSecret(options.secret) };
}
