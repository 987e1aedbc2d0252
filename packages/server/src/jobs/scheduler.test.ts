import { DEFAULT_CATALOG, formatDay, localDay } from '@northstar/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveRule } from '../alerts/alert-rules.ts';
import { WebhookReceiver } from '../alerts/test-receivers.ts';
import { openTestStore, utc } from '../metrics/test-fixtures.ts';
import type { Store } from '../store/store.ts';
import { saveNotificationSettings } from './notification-settings.ts';
import { jobsIntervalMs, startScheduler } from './scheduler.ts';

let store: Store;
const hook = new WebhookReceiver();

beforeAll(async () => {
  store = await openTestStore();
  await hook.start();
  const yesterday = formatDay(localDay(Date.now(), 'UTC') - 1);
  await store.insertRows(
    'contacts',
    [1, 2, 3].map((i) => ({ contact_id: `c${i}`, created_at: utc(`${yesterday} 12:00`) })),
  );
  await saveNotificationSettings(store.metadata, { smtp: null, allowPrivateTargets: true });
  await saveRule(store, DEFAULT_CATALOG, {
    name: 'Leads yesterday',
    condition: { type: 'threshold', metric: 'leads', op: 'above', value: 2 },
    channels: [{ type: 'webhook', url: hook.url }],
  });
});
afterAll(async () => {
  await hook.stop();
  await store.close();
});

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

describe('in-process scheduler', () => {
  it('runs passes on its interval, delivering an alert once', async () => {
    let passes = 0;
    const errors: unknown[] = [];
    const scheduler = startScheduler(store, { intervalMs: 50, firstDelayMs: 0, onPass: () => passes++, onError: (e) => errors.push(e) });
    await waitFor(() => passes >= 4, 10_000);
    await scheduler.stop();
    expect(errors).toEqual([]);
    expect(passes).toBeGreaterThanOrEqual(4);
    expect(hook.calls).toHaveLength(1);
    expect(hook.calls[0]?.body.text).toContain('Leads was 3');
    const after = passes;
    await new Promise((r) => setTimeout(r, 150));
    expect(passes).toBe(after);
  });

  it.each([
    [undefined, {}, 60_000],
    ['5', {}, 5000],
    [undefined, { NORTHSTAR_JOBS_INTERVAL: '0.5' }, undefined],
    [undefined, { NORTHSTAR_JOBS_INTERVAL: '30' }, 30_000],
    ['soon', {}, undefined],
  ])('interval flag %s with env %j → %s ms', (flag, env, ms) => {
    if (ms === undefined) expect(() => jobsIntervalMs(flag, env)).toThrow(/jobs interval/);
    else expect(jobsIntervalMs(flag, env)).toBe(ms);
  });
});
