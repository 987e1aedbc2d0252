/**
 * Delivery settings: the environment's SMTP server as the default, an admin's saved server over it,
 * default recipients for email channels without addresses (delivered through a real SMTP server on
 * loopback), and admin-only access.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp } from '../alerts/test-receivers.ts';
import { type EnforcedApp, startEnforcedApp } from '../http/auth/test-identities.ts';
import { utc } from '../metrics/test-fixtures.ts';
import { smtpFromEnv } from './notification-settings.ts';

let env: EnforcedApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const as = (name: string) => env.callers[name]?.headers ?? {};
const ENV_URL = 'smtp://mailer:env-secret@mail.example.com:2525';

beforeAll(async () => {
  process.env.NORTHSTAR_SMTP_URL = ENV_URL;
  process.env.NORTHSTAR_SMTP_FROM = 'kpi@example.com';
  env = await startEnforcedApp();
  smtp = await startSmtp();
  await env.store.insertRows(
    'contacts',
    ['c1', 'c2', 'c3'].map((id) => ({ contact_id: id, created_at: utc('2026-03-10 10:00'), channel: 'Email' })),
  );
});
afterAll(async () => {
  delete process.env.NORTHSTAR_SMTP_URL;
  delete process.env.NORTHSTAR_SMTP_FROM;
  await env?.close();
  await smtp?.close();
});

const settingsOf = async (caller = 'admin') => env.app.inject({ method: 'GET', url: '/api/v1/alerts/settings', headers: as(caller) });
const put = (payload: object, caller = 'admin') =>
  env.app.inject({ method: 'PUT', url: '/api/v1/alerts/settings', headers: as(caller), payload });

describe('SMTP from the environment', () => {
  it('parses NORTHSTAR_SMTP_URL', () => {
    expect(smtpFromEnv({ NORTHSTAR_SMTP_URL: 'smtps://a%40b:p%20w@smtp.example.com' })).toEqual({
      host: 'smtp.example.com',
      port: 465,
      secure: true,
      username: 'a@b',
      password: 'p w',
      from: 'northstar@smtp.example.com',
    });
    expect(smtpFromEnv({})).toBeNull();
    expect(() => smtpFromEnv({ NORTHSTAR_SMTP_URL: 'not a url' })).toThrow(/NORTHSTAR_SMTP_URL/);
  });
});

describe('delivery settings API', () => {
  it('shows the environment’s server until an admin saves one, never its password', async () => {
    const response = await settingsOf();
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).not.toContain('env-secret');
    expect(response.json()).toEqual({
      smtp: { host: 'mail.example.com', port: 2525, secure: false, username: 'mailer', from: 'kpi@example.com', passwordSet: true },
      smtpSource: 'environment',
      defaultRecipients: [],
      allowPrivateTargets: false,
    });
  });

  it('layers a saved server over the environment, and falls back to it when cleared', async () => {
    const saved = await put({
      smtp: { host: 'smtp.example.org', port: 465, secure: true, username: 'u', password: 's3cret', from: 'n@example.org' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.body).not.toContain('s3cret');
    expect(saved.json()).toMatchObject({ smtpSource: 'settings', smtp: { host: 'smtp.example.org', passwordSet: true } });
    expect((await settingsOf()).json().smtpSource).toBe('settings');

    const cleared = await put({ smtp: null });
    expect(cleared.json()).toMatchObject({ smtpSource: 'environment', smtp: { host: 'mail.example.com' } });
  });

  it.each([
    ['a recipient that is not an address', { defaultRecipients: ['team'] }, 'NS_ERR_VALIDATION'],
    ['51 recipients', { defaultRecipients: Array.from({ length: 51 }, (_, i) => `u${i}@example.com`) }, 'NS_ERR_VALIDATION'],
    ['an unknown field', { smtpUrl: 'smtp://x' }, 'NS_ERR_VALIDATION'],
    ['a port out of range', { smtp: { host: 'smtp.example.com', port: 70000, from: 'n@example.com' } }, 'NS_ERR_VALIDATION'],
    ['a link-local SMTP host', { smtp: { host: '169.254.169.254', from: 'n@example.com' } }, 'NS_ERR_BLOCKED_TARGET'],
    ['a loopback SMTP host', { smtp: { host: '127.0.0.1', from: 'n@example.com' } }, 'NS_ERR_BLOCKED_TARGET'],
  ])('refuses %s', async (_name, payload, code) => {
    const response = await put(payload);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe(code);
  });

  it.each([
    ['viewer', 403],
    ['editor', 403],
    ['readKey', 403],
    ['anonymous', 401],
    ['otherAdmin', 403],
  ])('is for admins only: %s → %d', async (caller, status) => {
    expect((await settingsOf(caller)).statusCode).toBe(status);
    expect((await put({ defaultRecipients: ['x@example.com'] }, caller)).statusCode).toBe(status);
  });
});

describe('default recipients', () => {
  it('receive the alerts of email channels without addresses', async () => {
    const rule = {
      name: 'Leads above 2',
      condition: { type: 'threshold', metric: 'leads', op: 'above', value: 2, grain: 'day' },
      channels: [{ type: 'email', to: [] }],
    };
    const refused = await env.app.inject({ method: 'POST', url: '/api/v1/alerts', headers: as('editor'), payload: rule });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/default recipients/);

    const saved = await put({
      smtp: { host: '127.0.0.1', port: smtp.port, from: 'northstar@example.com' },
      defaultRecipients: ['marketing@example.com', 'sales@example.com'],
      allowPrivateTargets: true,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ smtpSource: 'settings', defaultRecipients: ['marketing@example.com', 'sales@example.com'] });

    const created = await env.app.inject({ method: 'POST', url: '/api/v1/alerts', headers: as('editor'), payload: rule });
    expect(created.statusCode, created.body).toBe(201);
    const run = await env.app.inject({
      method: 'POST',
      url: '/api/v1/alerts/evaluate',
      headers: as('editor'),
      payload: { at: '2026-03-11T08:00:00Z' },
    });
    expect(run.json().delivery).toEqual({ attempted: 1, delivered: 1, failed: 0, retrying: 0 });
    expect(smtp.mails.map((m) => m.to)).toEqual([['marketing@example.com', 'sales@example.com']]);
    expect(smtp.mails[0]?.raw).toContain('Subject: [Northstar] Leads above 2');
  });
});
