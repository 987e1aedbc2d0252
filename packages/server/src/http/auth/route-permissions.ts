/**
 * Every API route and the permission it needs, in one table. A route under /api that is not
 * listed here is refused to everyone (deny by default), and the authorization matrix test fails
 * until it is added. Keys are `METHOD /pattern` as fastify registers them; HEAD follows GET.
 */
import type { Permission } from '../../auth/roles.ts';

export const ROUTE_PERMISSIONS: Readonly<Record<string, Permission>> = {
  'GET /api/v1/health': 'public',

  // Accounts (auth.ts, users.ts)
  'GET /api/v1/auth/me': 'public',
  'POST /api/v1/setup': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'session',
  'PUT /api/v1/auth/password': 'session',
  'GET /api/v1/users': 'admin',
  'POST /api/v1/users': 'admin',
  'PATCH /api/v1/users/:id': 'admin',
  'DELETE /api/v1/users/:id': 'admin',
  'POST /api/v1/users/:id/password': 'admin',
  'GET /api/v1/keys': 'admin',
  'POST /api/v1/keys': 'admin',
  'DELETE /api/v1/keys/:id': 'admin',
  'GET /api/v1/audit-log': 'admin',

  // Workspaces (the list answers each caller with their own) and the sites collected into this one
  'GET /api/v1/workspaces': 'public',
  'POST /api/v1/workspaces': 'admin',
  'GET /api/v1/sites': 'read',
  'POST /api/v1/sites': 'admin',
  'DELETE /api/v1/sites/:id': 'admin',

  // Privacy
  'POST /api/v1/privacy/erase': 'admin',
  'GET /api/v1/privacy/settings': 'admin',
  'PUT /api/v1/privacy/settings': 'admin',

  // Share links: managed by editors; the token routes check the token themselves
  'GET /api/v1/share-links': 'edit',
  'POST /api/v1/share-links': 'edit',
  'DELETE /api/v1/share-links/:id': 'edit',
  'GET /api/v1/share/:token': 'share',
  'POST /api/v1/share/:token/query': 'share',

  // Collection
  'OPTIONS /api/v1/collect': 'public',
  'POST /api/v1/collect': 'public',
  'POST /api/v1/events': 'ingest',
  'GET /api/v1/ingest/stats': 'ingest',
  'POST /api/v1/import/:kind': 'edit',

  // Metrics and attribution
  'GET /api/v1/metrics': 'read',
  'POST /api/v1/query': 'read',
  'POST /api/v1/query/batch': 'read',
  'GET /api/v1/attribution': 'read',
  'POST /api/v1/attribution/paths': 'read',
  'GET /api/v1/custom-metrics': 'read',
  'PUT /api/v1/custom-metrics/:id': 'edit',
  'DELETE /api/v1/custom-metrics/:id': 'edit',

  // Dashboards
  'GET /api/v1/dashboards': 'read',
  'POST /api/v1/dashboards': 'edit',
  'GET /api/v1/dashboards/:id': 'read',
  'PUT /api/v1/dashboards/:id': 'edit',
  'PATCH /api/v1/dashboards/:id': 'edit',
  'DELETE /api/v1/dashboards/:id': 'edit',

  // Goals
  'GET /api/v1/goals': 'read',
  'POST /api/v1/goals': 'edit',
  'GET /api/v1/goals/:id': 'read',
  'PUT /api/v1/goals/:id': 'edit',
  'PATCH /api/v1/goals/:id': 'edit',
  'DELETE /api/v1/goals/:id': 'edit',

  // Alerts; notification settings hold delivery targets (SMTP, webhooks): admins only
  'GET /api/v1/alerts': 'read',
  'POST /api/v1/alerts': 'edit',
  'GET /api/v1/alerts/history': 'read',
  'POST /api/v1/alerts/evaluate': 'edit',
  'GET /api/v1/alerts/settings': 'admin',
  'PUT /api/v1/alerts/settings': 'admin',
  'GET /api/v1/alerts/:id': 'read',
  'PUT /api/v1/alerts/:id': 'edit',
  'PATCH /api/v1/alerts/:id': 'edit',
  'DELETE /api/v1/alerts/:id': 'edit',

  'GET /api/v1/insights': 'read',

  // Reports
  'GET /api/v1/reports/export': 'read',
  'GET /api/v1/reports': 'read',
  'POST /api/v1/reports': 'edit',
  'GET /api/v1/reports/:id': 'read',
  'PUT /api/v1/reports/:id': 'edit',
  'PATCH /api/v1/reports/:id': 'edit',
  'DELETE /api/v1/reports/:id': 'edit',
  'POST /api/v1/reports/:id/send': 'edit',
};

/** The permission a route needs; `undefined` (refused) for an unlisted API route. */
export function routePermission(method: string, url: string): Permission | undefined {
  if (!url.startsWith('/api/')) return 'public';
  return ROUTE_PERMISSIONS[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}
