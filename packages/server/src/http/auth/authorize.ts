/**
 * Central authorization. Every route gets, at registration, an onRequest hook (after the rate
 * limiter's) that resolves the identity, looks the route up in ROUTE_PERMISSIONS and refuses what
 * the identity does not grant: 401 when nobody is signed in, 403 otherwise; unlisted API routes
 * are refused to everyone. Cookie sessions must send their CSRF token on unsafe methods, and a
 * cross-origin Origin is refused. Successful changes by editors and admins go to the audit log.
 */
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '@northstar/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { recordAudit } from '../../auth/audit-log.ts';
import { CSRF_HEADER, findSession, SESSION_COOKIE } from '../../auth/sessions.ts';
import { findShareLink } from '../../auth/share-links.ts';
import { loadUser } from '../../auth/users.ts';
import type { AuthContext } from './auth-context.ts';
import { ANONYMOUS, grantsOf, type Identity } from './identity.ts';
import { routePermission } from './route-permissions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Hot or public paths that never need an identity. */
const NO_IDENTITY = new Set(['/api/v1/collect']);

export function identityOf(request: FastifyRequest): Identity {
  return request.identity ?? ANONYMOUS;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function resolveIdentity(ctx: AuthContext, request: FastifyRequest): Promise<Identity> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) return { kind: 'key', key: await ctx.keys.identify(authorization) };
  const token = request.cookies[SESSION_COOKIE];
  if (token) {
    const session = await findSession(ctx.accounts, ctx.secret, token);
    const user = session ? await loadUser(ctx.accounts, session.userId).catch(() => undefined) : undefined;
    if (session && user) {
      return {
        kind: 'user',
        userId: session.userId,
        email: user.email,
        role: user.roles[ctx.workspace] ?? null,
        mustChangePassword: user.mustChangePassword,
        sessionId: session.id,
        csrfToken: session.csrfToken,
      };
    }
  }
  return ctx.mode === 'open' ? { kind: 'open' } : ANONYMOUS;
}

/** A cross-site form or script sends its own Origin; same-origin requests send ours or none. */
function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  if (origin !== `${request.protocol}://${request.host}`) {
    throw new AppError('forbidden', 'cross-origin request refused');
  }
}

function assertCsrf(identity: Identity, request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (identity.kind === 'user') {
    assertSameOrigin(request);
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameToken(sent, identity.csrfToken)) {
      throw new AppError('forbidden', `missing or wrong CSRF token: send the session's token in ${CSRF_HEADER}`);
    }
  }
}

function makeHook(ctx: AuthContext): onRequestHookHandler {
  return async function authorize(request: FastifyRequest, _reply: FastifyReply) {
    const url = request.routeOptions.url ?? '';
    const permission = routePermission(request.method, url);
    if (permission === undefined) throw new AppError('forbidden', `no access rule for ${request.method} ${url}`);
    if (!url.startsWith('/api/') || NO_IDENTITY.has(url)) return;

    if (permission === 'share') {
      const token = (request.params as { token?: string }).token ?? '';
      const link = await findShareLink(ctx.meta, ctx.secret, token);
      if (!link) throw new AppError('notFound', 'this share link does not exist or was revoked');
      request.identity = { kind: 'share', link };
      return;
    }

    // A public route answers whatever stale credential comes along, as to anyone.
    const identity =
      permission === 'public' ? await resolveIdentity(ctx, request).catch(() => ANONYMOUS) : await resolveIdentity(ctx, request);
    request.identity = identity;
    if (permission === 'public') {
      // Login and setup: a cross-site page must not sign a visitor in to an account of its choosing.
      if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request);
      return;
    }
    if (!grantsOf(identity).includes(permission)) {
      // No credentials at all (open mode included): say what to send rather than "forbidden".
      if (identity.kind === 'anonymous' || identity.kind === 'open')
        throw new AppError('unauthorized', 'sign in, or send an API key as "Authorization: Bearer KEY"');
      throw new AppError('forbidden', `this request needs the '${permission}' permission`);
    }
    assertCsrf(identity, request);
  };
}

function auditActor(identity: Identity) {
  switch (identity.kind) {
    case 'user':
      return { kind: 'user' as const, id: identity.userId, label: identity.email };
    case 'key':
      return { kind: 'key' as const, id: identity.key.id, label: identity.key.name };
    default:
      return { kind: 'open' as const, id: null, label: null };
  }
}

const AUDITED = new Set(['edit', 'admin']);
const ROUTES = new WeakMap<FastifyInstance, string[]>();

/** Every route registered on `app` after installAuthorization, as `METHOD /pattern` (for the authorization matrix test). */
export function registeredRoutes(app: FastifyInstance): readonly string[] {
  return ROUTES.get(app) ?? [];
}

/** Installs the hook on every route registered after this call, and the audit of changes. */
export function installAuthorization(app: FastifyInstance, ctx: AuthContext): void {
  app.decorateRequest('identity', null);
  const hook = makeHook(ctx);
  const routes: string[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) routes.push(`${method} ${route.url}`);
    const existing = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [...existing, hook];
  });
  app.addHook('onResponse', async (request, reply) => {
    // No identity: the hook never ran (another workspace's app answered this request, and audits it).
    if (SAFE_METHODS.has(request.method) || reply.statusCode >= 400 || request.identity === null) return;
    const url = request.routeOptions.url ?? '';
    const permission = routePermission(request.method, url);
    const isSetup = url === '/api/v1/setup';
    if (!isSetup && (permission === undefined || !AUDITED.has(permission))) return;
    const params = Object.fromEntries(Object.entries((request.params ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    await recordAudit(ctx.meta, {
      actor: isSetup ? { kind: 'setup', id: null, label: null } : auditActor(identityOf(request)),
      action: `${request.method} ${url}`,
      params,
      status: reply.statusCode,
    }).catch((error: unknown) => request.log.error({ err: error }, 'audit log write failed'));
  });
}
