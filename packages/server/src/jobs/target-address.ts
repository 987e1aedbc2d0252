/**
 * Webhook and SMTP targets must not reach the server's own network: every address the host name
 * resolves to is checked against loopback, private, link-local, shared, multicast and reserved
 * ranges, unless the workspace's admin allowed private targets. The sender then connects to the
 * checked address itself, so a second DNS answer cannot swap in another one (DNS rebinding).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '@northstar/core';

const BLOCKED: ReadonlyArray<[string, number, 'ipv4' | 'ipv6', string]> = [
  ['0.0.0.0', 8, 'ipv4', 'this network'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'shared address space'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'protocol assignments'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  // ::/96 holds :: (unspecified), ::1 (loopback) and the deprecated IPv4-compatible addresses.
  ['::', 96, 'ipv6', 'unspecified, loopback or IPv4-compatible'],
  ['64:ff9b:1::', 48, 'ipv6', 'local-use NAT64'],
  ['fc00::', 7, 'ipv6', 'unique local (private)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'site-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const lists = BLOCKED.map(([network, prefix, family, reason]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, reason };
});

/** Why an address may not be a target, or undefined when it may (IPv4-mapped IPv6 is checked as IPv4). */
export function blockedReason(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return lists.find(({ list }) => list.check(address, type))?.reason;
}

export type Resolver = (hostname: string) => Promise<string[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

export interface TargetCheck {
  /** Let private, loopback and link-local addresses through (an admin's explicit choice). */
  allowPrivate: boolean;
  resolve?: Resolver;
}

/** The host as a bare name or address: brackets of IPv6 literals dropped, numeric IPv4 forms normalised. */
export function normaliseHost(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (isIP(bare) === 6) return bare.toLowerCase();
  try {
    return new URL(`http://${bare}`).hostname;
  } catch {
    throw new AppError('blockedTarget', `'${host}' is not a host name`, { host });
  }
}

/**
 * Resolves a host and checks every address; answers the first address to connect to, or throws
 * NS_ERR_BLOCKED_TARGET naming the address and why.
 */
export async function checkTargetHost(host: string, check: TargetCheck): Promise<string> {
  const name = normaliseHost(host);
  let addresses: string[];
  if (isIP(name) !== 0) addresses = [name];
  else {
    try {
      addresses = await (check.resolve ?? systemResolver)(name);
    } catch (error) {
      throw new AppError('blockedTarget', `cannot resolve '${name}': ${(error as Error).message}`, { host: name, retryable: true });
    }
  }
  if (addresses.length === 0) throw new AppError('blockedTarget', `'${name}' resolves to no address`, { host: name, retryable: true });
  if (!check.allowPrivate) {
    for (const address of addresses) {
      const reason = blockedReason(address);
      if (reason) {
        throw new AppError(
          'blockedTarget',
          `target '${name}' resolves to ${address} (${reason}); private targets are off for this workspace`,
          { host: name, address, reason },
        );
      }
    }
  }
  return addresses[0] as string;
}

/** Checks a webhook URL: http(s) only, no credentials, and its host as above. */
export async function checkWebhookUrl(url: string, check: TargetCheck): Promise<{ url: URL; address: string }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('blockedTarget', `'${url}' is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new AppError('blockedTarget', 'a webhook URL must be http or https');
  if (parsed.username || parsed.password) throw new AppError('blockedTarget', 'a webhook URL must not hold credentials');
  return { url: parsed, address: await checkTargetHost(parsed.hostname, check) };
}

/**
 * For saving a target (a rule's webhook, the SMTP server): refuses blocked addresses at once, but
 * accepts a host that does not resolve right now; every delivery checks again.
 */
export async function refuseBlockedTarget(check: Promise<unknown>): Promise<void> {
  try {
    await check;
  } catch (error) {
    if (error instanceof AppError && (error.details as { retryable?: boolean } | undefined)?.retryable) return;
    throw error;
  }
}
