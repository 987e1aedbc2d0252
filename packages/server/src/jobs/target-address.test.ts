import { describe, expect, it } from 'vitest';
import { blockedReason, checkTargetHost, checkWebhookUrl, type Resolver } from './target-address.ts';

describe('blocked addresses', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['::1', 'unspecified, loopback or IPv4-compatible'],
    ['::', 'unspecified, loopback or IPv4-compatible'],
    ['::127.0.0.1', 'unspecified, loopback or IPv4-compatible'],
    ['0.0.0.0', 'this network'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'shared address space'],
    ['fc00::1', 'unique local (private)'],
    ['fd12:3456::1', 'unique local (private)'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'link-local'],
  ])('%s is blocked (%s)', (address, reason) => {
    expect(blockedReason(address)).toBe(reason);
  });

  it.each(['8.8.8.8', '172.32.0.1', '172.15.255.255', '192.169.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '1.1.1.1'])(
    '%s is allowed',
    (address) => {
      expect(blockedReason(address)).toBeUndefined();
    },
  );
});

const fakeDns: Record<string, string[]> = {
  'hooks.example.com': ['93.184.216.34'],
  'mixed.example.com': ['93.184.216.34', '10.0.0.5'],
  'v6only.example.com': ['2606:2800:220:1::1'],
  'rebind.example.com': ['fe80::1'],
  localhost: ['127.0.0.1', '::1'],
};
const resolve: Resolver = async (name) => {
  const found = fakeDns[name];
  if (!found) throw new Error(`getaddrinfo ENOTFOUND ${name}`);
  return found;
};

describe('webhook and SMTP targets', () => {
  it.each([
    ['https://hooks.example.com/services/x', '93.184.216.34'],
    ['https://v6only.example.com/x', '2606:2800:220:1::1'],
  ])('%s is allowed and pinned to %s', async (url, address) => {
    await expect(checkWebhookUrl(url, { allowPrivate: false, resolve })).resolves.toMatchObject({ address });
  });

  it.each([
    ['https://mixed.example.com/x', 'one of its addresses is private (10.0.0.5)'],
    ['http://localhost:8080/hook', 'loopback'],
    ['http://127.0.0.1/hook', 'loopback'],
    ['http://2130706433/hook', 'numeric form of 127.0.0.1'],
    ['http://0x7f.1/hook', 'hex form of 127.0.0.1'],
    ['http://[::1]:9000/hook', 'IPv6 loopback'],
    ['http://[::ffff:169.254.169.254]/latest', 'mapped metadata address'],
    ['http://169.254.169.254/latest/meta-data', 'cloud metadata'],
    ['http://rebind.example.com/', 'link-local answer'],
    ['http://0.0.0.0:8080/', 'this network'],
    ['ftp://hooks.example.com/x', 'scheme'],
    ['https://user:pw@hooks.example.com/x', 'credentials'],
    ['https://nowhere.example.com/x', 'unresolvable'],
  ])('%s is refused (%s)', async (url) => {
    await expect(checkWebhookUrl(url, { allowPrivate: false, resolve })).rejects.toMatchObject({
      code: 'NS_ERR_BLOCKED_TARGET',
      status: 400,
    });
  });

  it.each([
    ['http://127.0.0.1:9000/hook', '127.0.0.1'],
    ['http://localhost/hook', '127.0.0.1'],
    ['http://[::1]/hook', '::1'],
    ['http://10.0.0.8/hook', '10.0.0.8'],
  ])('%s is allowed when the admin allows private targets', async (url, address) => {
    await expect(checkWebhookUrl(url, { allowPrivate: true, resolve })).resolves.toMatchObject({ address });
  });

  it.each([
    ['hooks.example.com', '93.184.216.34'],
    ['localhost', undefined],
    ['192.168.0.25', undefined],
    ['[fd00::25]', undefined],
    ['mixed.example.com', undefined],
  ])('SMTP host %s → %s', async (host, address) => {
    const result = checkTargetHost(host, { allowPrivate: false, resolve });
    if (address) await expect(result).resolves.toBe(address);
    else await expect(result).rejects.toMatchObject({ code: 'NS_ERR_BLOCKED_TARGET' });
  });
});
