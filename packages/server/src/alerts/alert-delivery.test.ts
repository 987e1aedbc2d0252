/**
 * Alerts end to end against a real SMTP server and a webhook receiver on loopback (allowed
 * explicitly by the workspace's admin), with restarts on the same DuckDB file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../auth/api-keys.ts';
import { buildApp } from '../http/app.ts';
import { utc } from '../metrics/test-fixtures.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { type ReceivedMail, startSmtp, WebhookReceiver } from './test-receivers.ts';

let dir: string;
let store: DuckDbStore;
let app: FastifyInstance;
let smtp: { port: number; mails: ReceivedMail[]; close(): Promise<void> };
const hook = new WebhookReceiver();
let adminKey: string;

async function open(): Promise<void> {
  store = await DuckDbStore.open({ path: join(dir, 'northstar.duckdb') });
  app = await buildApp({ store, webRoot: '/nonexistent' });
}

async function restart(): Promise<void> {
  await app.close();
  await store.close();
  await open();
}

async function evaluate(at: string) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/alerts/evaluate', payload: { at } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function history() {
  return (await app.inject({ method: 'GET', url: '/api/v1/alerts/history' })).json().events;
}

const contact = (id: string, created: string) => ({ contact_id: id, created_at: utc(created), channel: 'Paid Search' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'northstar-alerts-'));
  smtp = await startSmtp();
  await hook.start();
  await open();
  // Three leads on 2026-03-10, one on 03-09.
  await store.insertRows('contacts', [
    contact('c1', '2026-03-09 10:00'),
    contact('c2', '2026-03-10 09:00'),
    contact('c3', '2026-03-10 11:00'),
    contact('c4', '2026-03-10 15:00'),
  ]);
  adminKey = (await createApiKey(store.metadata, 'admin')).key;
});

afterAll(async () => {
  await app.close();
  await store.close();
  await smtp.close();
  await hook.stop();
  rmSync(dir, { recursive: true, force: true });
});

const rule = (name: string, url: string) => ({
  name,
  condition: { type: 'threshold', metric: 'leads', op: 'above', value: 2, grain: 'day' },
  channels: [
    { type: 'webhook', url },
    { type: 'email', to: ['team@example.com'] },
  ],
});

describe('alert delivery', () => {
  it('refuses a loopback webhook until an admin allows private targets', async () => {
    const refused = await app.inject({ method: 'POST', url: '/api/v1/alerts', payload: rule('Lead spike', hook.url) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('NS_ERR_BLOCKED_TARGET');

    const settings = { smtp: { host: '127.0.0.1', port: smtp.port, from: 'northstar@example.com' }, allowPrivateTargets: true };
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/v1/alerts/settings',
      payload: settings,
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ allowPrivateTargets: true, smtp: { host: '127.0.0.1', passwordSet: false } });
  });

  it('fires once, delivers by webhook and email, and does not fire again after a restart', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/alerts', payload: rule('Lead spike', hook.url) });
    expect(created.statusCode, created.body).toBe(201);
    const ruleId = created.json().id;

    const first = await evaluate('2026-03-11T08:00:00Z');
    expect(first.fired).toHaveLength(1);
    expect(first.fired[0].summary).toBe('Leads was 3 for 2026-03-10, above the threshold of 2.');
    expect(first.delivery).toEqual({ attempted: 2, delivered: 2, failed: 0, retrying: 0 });
    expect(hook.calls).toHaveLength(1);
    expect(hook.calls[0]?.body.text).toContain('Northstar alert: Lead spike: Leads was 3 for 2026-03-10');
    expect(hook.calls[0]?.body.blocks).toHaveLength(3);
    expect(hook.calls[0]?.headers['x-northstar-delivery']).toMatch(/^[0-9a-f]{32}$/);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.to).toEqual(['team@example.com']);
    expect(smtp.mails[0]?.raw).toContain('Subject: [Northstar] Lead spike');
    expect(smtp.mails[0]?.raw).toContain('Leads was 3 for 2026-03-10');

    expect((await evaluate('2026-03-11T09:00:00Z')).fired).toHaveLength(0);
    await restart();
    const after = await evaluate('2026-03-11T10:00:00Z');
    expect(after.fired).toHaveLength(0);
    expect(after.delivery.attempted).toBe(0);
    expect(hook.calls).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);

    const events = (await history()).filter((e: { ruleId: string }) => e.ruleId === ruleId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ period: '2026-03-10', metric: 'leads', firedAt: '2026-03-11T08:00:00.000Z' });
    expect(
      events[0].deliveries.map((d: { channel: string; status: string; attempts: number }) => [d.channel, d.status, d.attempts]).sort(),
    ).toEqual([
      ['email', 'delivered', 1],
      ['webhook', 'delivered', 1],
    ]);
    // The next day is a new occurrence only if it crosses the threshold: 03-11 has no leads.
    expect((await evaluate('2026-03-12T08:00:00Z')).fired).toHaveLength(0);
    await app.inject({ method: 'PATCH', url: `/api/v1/alerts/${ruleId}`, payload: { enabled: false } });
  });

  it('retries a delivery while the receiver is down, across a restart, and delivers once when it is back', async () => {
    const down = new WebhookReceiver();
    await down.start();
    await down.stop(); // the port is known and nothing listens on it now
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/alerts',
      payload: { ...rule('Lead spike (ops)', down.url), channels: [{ type: 'webhook', url: down.url }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const ruleId = created.json().id;

    const first = await evaluate('2026-03-11T08:00:00Z');
    expect(first.fired).toHaveLength(1);
    expect(first.delivery).toEqual({ attempted: 1, delivered: 0, failed: 0, retrying: 1 });
    let [event] = (await history()).filter((e: { ruleId: string }) => e.ruleId === ruleId);
    expect(event.deliveries[0]).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: '2026-03-11T08:01:00.000Z' });
    expect(event.deliveries[0].lastError).toMatch(/ECONNREFUSED/);

    // Not due yet: no attempt.
    expect((await evaluate('2026-03-11T08:00:30Z')).delivery.attempted).toBe(0);
    // Still down at the next attempt: the delay doubles.
    expect((await evaluate('2026-03-11T08:01:00Z')).delivery).toMatchObject({ attempted: 1, retrying: 1 });
    [event] = (await history()).filter((e: { ruleId: string }) => e.ruleId === ruleId);
    expect(event.deliveries[0]).toMatchObject({ attempts: 2, nextAttemptAt: '2026-03-11T08:03:00.000Z' });

    await restart();
    await down.start(down.port);
    const back = await evaluate('2026-03-11T08:03:00Z');
    expect(back.fired).toHaveLength(0);
    expect(back.delivery).toEqual({ attempted: 1, delivered: 1, failed: 0, retrying: 0 });
    expect(down.calls).toHaveLength(1);
    expect(down.calls[0]?.body.text).toContain('Leads was 3 for 2026-03-10');

    expect((await evaluate('2026-03-11T09:00:00Z')).delivery.attempted).toBe(0);
    expect(down.calls).toHaveLength(1);
    [event] = (await history()).filter((e: { ruleId: string }) => e.ruleId === ruleId);
    expect(event.deliveries[0]).toMatchObject({
      status: 'delivered',
      attempts: 3,
      lastError: null,
      deliveredAt: '2026-03-11T08:03:00.000Z',
    });
    await down.stop();
  });

  it('retries an email while the SMTP server is down', async () => {
    await app.inject({
      method: 'PUT',
      url: '/api/v1/alerts/settings',
      headers: { authorization: `Bearer ${adminKey}` },
      payload: { smtp: { host: '127.0.0.1', port: 1, from: 'northstar@example.com' }, allowPrivateTargets: true },
    });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/alerts',
      payload: { ...rule('Lead spike (mail)', hook.url), channels: [{ type: 'email', to: ['ops@example.com'] }] },
    });
    const ruleId = created.json().id;
    expect((await evaluate('2026-03-11T08:00:00Z')).delivery).toMatchObject({ attempted: 1, retrying: 1 });
    await app.inject({
      method: 'PUT',
      url: '/api/v1/alerts/settings',
      headers: { authorization: `Bearer ${adminKey}` },
      payload: { smtp: { host: '127.0.0.1', port: smtp.port, from: 'northstar@example.com' }, allowPrivateTargets: true },
    });
    const before = smtp.mails.length;
    expect((await evaluate('2026-03-11T08:01:00Z')).delivery).toMatchObject({ attempted: 1, delivered: 1 });
    expect(smtp.mails.length).toBe(before + 1);
    expect(smtp.mails[smtp.mails.length - 1]?.to).toEqual(['ops@example.com']);
    const [event] = (await history()).filter((e: { ruleId: string }) => e.ruleId === ruleId);
    expect(event.deliveries[0]).toMatchObject({ channel: 'email', status: 'delivered', attempts: 2 });
  });

  it('a target that private addresses were turned off for fails for good, without retries', async () => {
    await app.inject({
      method: 'PUT',
      url: '/api/v1/alerts/settings',
      headers: { authorization: `Bearer ${adminKey}` },
      payload: { smtp: null, allowPrivateTargets: true },
    });
    await app.inject({
      method: 'POST',
      url: '/api/v1/alerts',
      payload: { ...rule('Lead spike (late)', hook.url), channels: [{ type: 'webhook', url: hook.url }] },
    });
    await app.inject({
      method: 'PUT',
      url: '/api/v1/alerts/settings',
      headers: { authorization: `Bearer ${adminKey}` },
      payload: { smtp: null, allowPrivateTargets: false },
    });
    const before = hook.calls.length;
    const result = await evaluate('2026-03-11T08:00:00Z');
    expect(result.delivery).toEqual({ attempted: 1, delivered: 0, failed: 1, retrying: 0 });
    expect(hook.calls.length).toBe(before);
  });
});
