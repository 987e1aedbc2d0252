import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../store/duckdb/duckdb-store.ts';
import { buildApp } from '../app.ts';
import { login, PASSWORD, TEST_SECRET } from '../auth/test-identities.ts';

let store: DuckDbStore;
let app: FastifyInstance;
let admin: Record<string, string>;
beforeAll(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
  app = await buildApp({
    store,
    webRoot: '/nonexistent',
    auth: { mode: 'enforced', secret: TEST_SECRET },
    rateLimits: { apiPerMinute: 10_000, loginPer15Minutes: 5 },
  });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('first-run setup and sign-in', () => {
  it('creates the first admin once, then closes', async () => {
    const before = await app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(before.json()).toMatchObject({ mode: 'enforced', setupRequired: true, user: null });
    const weak = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: { email: 'boss@example.com', password: 'short' } });
    expect(weak.statusCode).toBe(400);
    const setup = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: { email: 'Boss@Example.com', password: PASSWORD } });
    expect(setup.statusCode).toBe(201);
    expect(setup.json().user).toMatchObject({ email: 'boss@example.com', role: 'admin' });
    const session = setup.cookies.find((c) => c.name === 'ns_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const again = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: { email: 'evil@example.com', password: PASSWORD } });
    expect(again.statusCode).toBe(409);
    admin = await login(app, 'boss@example.com');
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: admin });
    expect(me.json()).toMatchObject({ setupRequired: false, user: { email: 'boss@example.com', role: 'admin' } });
  });

  it('does not trust X-Forwarded-Proto for the Secure flag without a trusted proxy', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: 'boss@example.com', password: PASSWORD },
      remoteAddress: '10.0.0.9',
    });
    // Without trustProxy the forwarded header is ignored: plain HTTP, no Secure flag.
    expect(response.cookies.find((c) => c.name === 'ns_session')?.secure).toBeUndefined();
  });

  it('refuses wrong passwords and unknown emails alike, then rate-limits the attempts', async () => {
    const attempt = (email: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'wrong password!' }, remoteAddress: '10.1.1.1' });
    const unknown = await attempt('nobody@example.com');
    const wrong = await attempt('boss@example.com');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt('boss@example.com')).statusCode);
    expect(statuses).toContain(429);
    const limited = await attempt('boss@example.com');
    expect(limited.json().error.code).toBe('NS_ERR_RATE_LIMITED');
    // Another address is not locked out by this one.
    const other = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'boss@example.com', password: PASSWORD },
      remoteAddress: '10.2.2.2',
    });
    expect(other.statusCode).toBe(200);
  });
});

describe('CSRF protection of cookie sessions', () => {
  const create = (headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/v1/dashboards', headers, payload: { name: 'x', tiles: [] } });

  it('refuses an unsafe request without the session CSRF token', async () => {
    const { 'x-csrf-token': _token, ...cookieOnly } = admin;
    const response = await create(cookieOnly);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toMatch(/CSRF/);
    expect((await create({ ...cookieOnly, 'x-csrf-token': 'forged' })).statusCode).toBe(403);
  });

  it('refuses a cross-origin request even with the token', async () => {
    const response = await create({ ...admin, origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: 'boss@example.com', password: PASSWORD },
    });
    expect(login.statusCode).toBe(403);
  });

  it('accepts a same-origin request with the token', async () => {
    expect((await create({ ...admin, origin: 'http://localhost:80' })).statusCode).toBe(201);
    expect((await create(admin)).statusCode).toBe(201);
  });
});

describe('users', () => {
  it('invites, changes role, resets a password and removes a user; the last admin stays', async () => {
    const invited = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { email: 'ana@example.com', role: 'viewer' },
    });
    expect(invited.statusCode).toBe(201);
    const { user, temporaryPassword } = invited.json();
    expect(user).toMatchObject({ role: 'viewer', mustChangePassword: true });
    const ana = await login(app, 'ana@example.com', temporaryPassword);
    expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers: ana })).statusCode).toBe(403);

    const change = await app.inject({
      method: 'PUT',
      url: '/api/v1/auth/password',
      headers: ana,
      payload: { currentPassword: temporaryPassword, newPassword: 'a much better password' },
    });
    expect(change.statusCode).toBe(204);
    const anaNow = await login(app, 'ana@example.com', 'a much better password');

    const promoted = await app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: admin, payload: { role: 'editor' } });
    expect(promoted.json().role).toBe('editor');

    const reset = await app.inject({ method: 'POST', url: `/api/v1/users/${user.id}/password`, headers: admin, payload: {} });
    expect(reset.json().temporaryPassword).toEqual(expect.any(String));
    // A reset signs the user out everywhere.
    expect((await app.inject({ method: 'GET', url: '/api/v1/dashboards', headers: anaNow })).statusCode).toBe(401);

    const me = (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: admin })).json().user.id as string;
    const lastAdmin = await app.inject({ method: 'DELETE', url: `/api/v1/users/${me}`, headers: admin });
    expect(lastAdmin.statusCode).toBe(409);
    const removed = await app.inject({ method: 'DELETE', url: `/api/v1/users/${user.id}`, headers: admin });
    expect(removed.statusCode).toBe(204);
    const users = (await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin })).json().users;
    expect(users.map((u: { email: string }) => u.email)).toEqual(['boss@example.com']);
  });

  it('logs out', async () => {
    const session = await login(app, 'boss@example.com');
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/dashboards', headers: session })).statusCode).toBe(401);
  });

  it('records admin and editor actions in the audit log, without passwords or addresses', async () => {
    const log = await app.inject({ method: 'GET', url: '/api/v1/audit-log', headers: admin });
    const actions = log.json().entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['POST /api/v1/setup', 'POST /api/v1/users', 'DELETE /api/v1/users/:id', 'POST /api/v1/users/:id/password']),
    );
    // Addresses as whole dotted quads: a timestamp's "…:10.421Z" must not count as 10.x.x.x.
    expect(log.body).not.toMatch(/password"\s*:|\b127\.0\.0\.1\b|\b10\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/);
  });
});

describe('security headers', () => {
  it('sends a Content-Security-Policy and friends; the tracker stays embeddable', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cross-origin-resource-policy']).toBe('same-origin');
    const collect = await app.inject({ method: 'OPTIONS', url: '/api/v1/collect' });
    expect(collect.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const api = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(api.json()).toEqual({ status: 'ok' });
    expect(api.headers['cache-control']).toBe('no-store');
  });
});
