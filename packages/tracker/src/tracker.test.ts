import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildTracker } from '../build.ts';

describe('the tracker build', () => {
  it('is one small file: at most 2 KB gzipped', async () => {
    const code = await buildTracker(false);
    const gzipped = gzipSync(code, { level: 9 }).length;
    expect(code).not.toContain('import ');
    expect(gzipped).toBeLessThanOrEqual(2048);
  });

  it('sets no cookie and uses no browser storage', async () => {
    const code = await buildTracker(false);
    expect(code).not.toMatch(/document\.cookie|localStorage|sessionStorage|indexedDB/);
  });
});
