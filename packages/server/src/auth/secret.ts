/**
 * The server secret keys the HMAC of session and share-link tokens. `northstar serve` refuses to
 * start without one (or with a well-known one) unless it runs the demo on loopback.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { AppError } from '@northstar/core';

export const MIN_SECRET_LENGTH = 32;
const DEFAULT_SECRETS = new Set(['changeme', 'change-me', 'secret', 'northstar', 'password', 'default', 'example', 'test']);

/** Why `secret` cannot be used, or undefined when it can. */
export function secretProblem(secret: string | undefined): string | undefined {
  if (secret === undefined || secret.trim() === '') return 'NORTHSTAR_SECRET is not set';
  const folded = secret.trim().toLowerCase();
  if (DEFAULT_SECRETS.has(folded) || /^(.)\1*$/.test(folded) || folded.includes('change')) {
    return 'NORTHSTAR_SECRET is a default or placeholder value';
  }
  if (secret.length < MIN_SECRET_LENGTH) return `NORTHSTAR_SECRET must have at least ${MIN_SECRET_LENGTH} characters`;
  return undefined;
}

export function assertUsableSecret(secret: string | undefined): string {
  const problem = secretProblem(secret);
  if (problem) {
    throw new AppError(
      'badRequest',
      `${problem}. Set it to a random value (e.g. \`openssl rand -base64 48\`), or run \`northstar serve --demo\` on 127.0.0.1 for a single-user demo without login.`,
    );
  }
  return secret as string;
}

export function randomSecret(): string {
  return randomBytes(48).toString('base64url');
}

/** HMAC-SHA256 of a token under the server secret, hex: what is stored instead of the token. */
export function tokenDigest(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}
