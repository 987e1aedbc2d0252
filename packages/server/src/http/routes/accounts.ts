/**
 * Sign-in: first-run setup (creates the first admin, then closes), login, logout, who am I, and a
 * user's own password change. Sessions are cookies (HttpOnly, SameSite=Lax, Secure over HTTPS);
 * the CSRF token comes back in the body and in a readable cookie for the dashboard to echo.
 */
import { AppError, parseWith } from '@northstar/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkPasswordStrength, MAX_PASSWORD_LENGTH, verifyPassword } from '../../auth/passwords.ts';
import { CSRF_COOKIE, createSession, deleteSession, deleteUserSessions, SESSION_COOKIE, SESSION_TTL_MS } from '../../auth/sessions.ts';
import { countUsers, createUser, findUserByEmail, loadUser, setPassword, toUserInfo } from '../../auth/users.ts';
import type { AuthContext } from '../auth/auth-context.ts';
import { identityOf } from '../auth/authorize.ts';
import { loginRateLimit, type RateLimitOptions } from '../auth/security.ts';

const credentials = z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) }).strict();
const passwordChange = z
  .object({ currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH), newPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH) })
  .strict();

function cookieOptions(ctx: AuthContext, request: FastifyRequest, httpOnly: boolean) {
  const secure = ctx.secureCookies === 'auto' ? request.protocol === 'https' : ctx.secureCookies;
  return { path: '/', httpOnly, secure, sameSite: 'lax' as const, maxAge: Math.floor(SESSION_TTL_MS / 1000) };
}

async function signIn(ctx: AuthContext, request: FastifyRequest, reply: FastifyReply, userId: string) {
  const session = await createSession(ctx.accounts, ctx.secret, userId);
  void reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(ctx, request, true));
  void reply.setCookie(CSRF_COOKIE, session.csrfToken, cookieOptions(ctx, request, false));
  return { user: toUserInfo(userId, await loadUser(ctx.accounts, userId), ctx.workspace), csrfToken: session.csrfToken };
}

export function registerAccountRoutes(app: FastifyInstance, ctx: AuthContext, limits: RateLimitOptions): void {
  // Users and sessions span workspaces: they live in the accounts metadata.
  const meta = ctx.accounts;
  let setupRunning: Promise<unknown> = Promise.resolve();

  app.get('/api/v1/auth/me', async (request) => {
    const identity = identityOf(request);
    const setupRequired = (await countUsers(meta)) === 0;
    const base = { mode: ctx.mode, setupRequired, workspace: ctx.workspace };
    switch (identity.kind) {
      case 'user':
        return {
          ...base,
          user: { id: identity.userId, email: identity.email, role: identity.role, mustChangePassword: identity.mustChangePassword },
          csrfToken: identity.csrfToken,
        };
      case 'key':
        return { ...base, key: { id: identity.key.id, scope: identity.key.scope } };
      default:
        return { ...base, user: null };
    }
  });

  app.post('/api/v1/setup', { config: loginRateLimit(limits) }, async (request, reply) => {
    const body = parseWith(credentials, request.body, 'setup');
    checkPasswordStrength(body.password);
    // One at a time, so two first visitors cannot both become admin.
    const run = setupRunning.then(async () => {
      if ((await countUsers(meta)) > 0) throw new AppError('conflict', 'setup is done: sign in instead');
      return createUser(meta, {
        email: body.email,
        password: body.password,
        role: 'admin',
        workspace: ctx.workspace,
        mustChangePassword: false,
      });
    });
    setupRunning = run.catch(() => undefined);
    const user = await run;
    return reply.status(201).send(await signIn(ctx, request, reply, user.id));
  });

  app.post('/api/v1/auth/login', { config: loginRateLimit(limits) }, async (request, reply) => {
    const body = parseWith(credentials, request.body, 'login');
    const user = await findUserByEmail(meta, body.email);
    const ok = await verifyPassword(user?.body.passwordHash, body.password);
    if (!user || !ok) throw new AppError('unauthorized', 'wrong email or password');
    return signIn(ctx, request, reply, user.id);
  });

  app.post('/api/v1/auth/logout', async (request, reply) => {
    const identity = identityOf(request);
    if (identity.kind === 'user') await deleteSession(meta, identity.sessionId);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.put('/api/v1/auth/password', { config: loginRateLimit(limits) }, async (request, reply) => {
    const identity = identityOf(request);
    if (identity.kind !== 'user') throw new AppError('forbidden', 'sign in to change your password');
    const body = parseWith(passwordChange, request.body, 'password change');
    const user = await loadUser(meta, identity.userId);
    if (!(await verifyPassword(user.passwordHash, body.currentPassword))) throw new AppError('forbidden', 'the current password is wrong');
    await setPassword(meta, identity.userId, body.newPassword, false);
    await deleteUserSessions(meta, identity.userId, identity.sessionId);
    return reply.status(204).send();
  });
}
