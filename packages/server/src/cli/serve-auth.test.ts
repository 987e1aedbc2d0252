import { describe, expect, it } from 'vitest';
import { serveAuth } from './serve-auth.ts';

const SECRET = 'q7Vb2-Nf9xKp4Lr8Ws1Zc6Hd3Tj5Ym0Ea';

describe('northstar serve authentication', () => {
  it('runs the demo on loopback without login', () => {
    expect(serveAuth({ demo: true, host: '127.0.0.1', secret: undefined })).toEqual({ mode: 'open' });
    expect(serveAuth({ demo: true, host: '::1', secret: undefined })).toEqual({ mode: 'open' });
  });

  it.each([
    ['no secret, not a demo', { demo: false, host: '127.0.0.1', secret: undefined }],
    ['a demo on every interface', { demo: true, host: '0.0.0.0', secret: undefined }],
    ['a demo on a LAN address', { demo: true, host: '192.168.1.5', secret: undefined }],
    ['a default secret', { demo: false, host: '0.0.0.0', secret: 'changeme' }],
    ['a short secret', { demo: true, host: '127.0.0.1', secret: 'abc123' }],
  ])('refuses to start with %s', (_name, options) => {
    expect(() => serveAuth(options)).toThrow(/NORTHSTAR_SECRET/);
  });

  it('enforces login whenever a usable secret is set', () => {
    expect(serveAuth({ demo: true, host: '127.0.0.1', secret: SECRET })).toEqual({ mode: 'enforced', secret: SECRET });
    expect(serveAuth({ demo: false, host: '0.0.0.0', secret: SECRET })).toEqual({ mode: 'enforced', secret: SECRET });
  });
});
