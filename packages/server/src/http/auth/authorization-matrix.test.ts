/**
 * Every API route × every kind of caller. Routes are read from the app itself, so a route added
 * without a rule in ROUTE_PERMISSIONS fails here (and is refused to everyone meanwhile).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../auth/roles.ts';
import { registeredRoutes } from './authorize.ts';
import { ROUTE_PERMISSIONS, routePermission } from './route-permissions.ts';
import { type EnforcedApp, startEnforcedApp } from './test-identities.ts';

let env: EnforcedApp;
beforeAll(async () => {
  env = await startEnforcedApp();
});
afterAll(async () => env.close());

/** What each caller is granted; share links reach only the share routes, with their own token. */
const GRANTS: Record<string, readonly Permission[]> = {
  anonymous: ['public'],
  viewer: ['public', 'session', 'read'],
  editor: ['public', 'session', 'read', 'edit'],
  admin: ['public', 'session', 'read', 'edit', 'admin'],
  otherAdmin: ['public', 'session'],
  otherAdminKey: ['public'],
  share: ['public', 'share'],
  ingestKey: ['public', 'ingest'],
  readKey: ['public', 'read'],
  adminKey: ['public', 'read', 'edit', 'admin', 'ingest'],
};
/** Callers that send no credential this server knows: refused with 401 rather than 403. */
const UNAUTHENTICATED = new Set(['anonymous', 'share', 'otherAdminKey']);
/** Messages of refusals made by the authorization hook (as opposed to a handler's own 403). */
const HOOK_REFUSAL = /permission|no access rule|sign in|API key|CSRF|cross-origin|share link/;

function apiRoutes(): { method: string; url: string }[] {
  return [...new Set(registeredRoutes(env.app))]
    .map((route) => {
      const [method = '', url = ''] = route.split(' ');
      return { method, url };
    })
    .filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD')
    .sort((a, b) => Number(a.url === '/api/v1/auth/logout') - Number(b.url === '/api/v1/auth/logout'));
}

function concreteUrl(url: string, caller: string): string {
  return url
    .replace(':token', caller === 'share' ? env.shareToken : 'nss_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    .replace(/:(\w+)/g, (_m, name: string) => (name === 'kind' ? 'events' : 'zz-not-there'));
}

describe('authorization matrix', () => {
  it('has a rule for every API route, and no rule for a route that does not exist', () => {
    const routes = apiRoutes().map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => !(r in ROUTE_PERMISSIONS))).toEqual([]);
    expect(Object.keys(ROUTE_PERMISSIONS).filter((rule) => !routes.includes(rule))).toEqual([]);
  });

  it('refuses an API route without a rule to everyone', () => {
    expect(routePermission('GET', '/api/v1/some-new-route')).toBeUndefined();
    expect(routePermission('GET', '/assets/index.js')).toBe('public');
  });

  it('answers every route × caller as the permission table says, with no unexpected 2xx', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { method, url } of apiRoutes()) {
      const permission = routePermission(method, url) as Permission;
      for (const [caller, grants] of Object.entries(GRANTS)) {
        const headers = env.callers[caller]?.headers ?? {};
        // Share callers use their token in the URL on share routes, as a bearer elsewhere.
        const sent = permission === 'share' && caller === 'share' ? {} : headers;
        const response = await env.app.inject({
          method: method as 'GET',
          url: concreteUrl(url, caller),
          headers: { ...sent, ...(method === 'GET' || method === 'OPTIONS' ? {} : { 'content-type': 'application/json' }) },
          ...(method === 'GET' || method === 'OPTIONS' ? {} : { payload: '{}' }),
        });
        checked++;
        const status = response.statusCode;
        const label = `${caller} ${method} ${url} → ${status} ${response.body.slice(0, 120)}`;
        if (permission === 'share' && caller !== 'share') {
          // A wrong token opens nothing, whoever sends it.
          if (status !== 404) failures.push(`${label} (expected 404)`);
        } else if (grants.includes(permission)) {
          const message = status === 401 || status === 403 ? String(response.json().error?.message ?? '') : '';
          if (status === 401 || (status === 403 && HOOK_REFUSAL.test(message))) failures.push(`${label} (expected access)`);
        } else {
          const expected = UNAUTHENTICATED.has(caller) ? 401 : 403;
          if (status !== expected) failures.push(`${label} (expected ${expected})`);
        }
      }
    }
    expect(checked).toBeGreaterThan(400);
    expect(failures).toEqual([]);
  });
});
