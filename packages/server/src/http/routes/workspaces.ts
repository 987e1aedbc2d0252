/**
 * Workspaces and sites over HTTP. `GET /api/v1/workspaces`: the workspaces the caller may open
 * (a user: those they hold a role in; an API key: its own; anyone else: none), with the one this
 * request is for;
 * `POST /api/v1/workspaces` (a signed-in admin, or open mode): a new, empty workspace whose admin
 * the creator becomes. Sites: which tracked sites collect into this workspace.
 */
import { AppError, parseWith } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loadUser } from '../../auth/users.ts';
import type { Store } from '../../store/store.ts';
import { listSites, listWorkspaces, MAX_WORKSPACE_NAME, registerSite, removeSite } from '../../workspaces/workspace-registry.ts';
import type { WorkspaceRouter } from '../../workspaces/workspace-router.ts';
import type { AuthContext } from '../auth/auth-context.ts';
import { identityOf } from '../auth/authorize.ts';

const createSchema = z
  .object({
    name: z.string().trim().min(1).max(MAX_WORKSPACE_NAME),
    id: z.string().min(1).max(40).optional(),
  })
  .strict();
const siteSchema = z.object({ site: z.string().min(1).max(100), name: z.string().trim().min(1).max(200).optional() }).strict();
const siteParams = z.object({ id: z.string().min(1).max(100) });

export function registerWorkspaceRoutes(app: FastifyInstance, store: Store, ctx: AuthContext, router: WorkspaceRouter | undefined): void {
  const { accounts } = ctx;

  app.get('/api/v1/workspaces', async (request) => {
    const identity = identityOf(request);
    // The default workspace is named by its own settings, whichever workspace answers.
    const all = await listWorkspaces(accounts, (await (router?.defaultStore ?? store).getSettings()).name);
    switch (identity.kind) {
      case 'open':
        return { current: ctx.workspace, workspaces: all.map((w) => ({ ...w, role: 'admin' })) };
      case 'user': {
        const user = await loadUser(accounts, identity.userId);
        const mine = all.filter((w) => user.roles[w.id] !== undefined).map((w) => ({ ...w, role: user.roles[w.id] }));
        return { current: ctx.workspace, workspaces: mine };
      }
      case 'key':
        return { current: ctx.workspace, workspaces: all.filter((w) => w.id === ctx.workspace).map((w) => ({ ...w, role: null })) };
      default:
        // Anonymous and share-link callers: nothing to choose from.
        return { current: ctx.workspace, workspaces: [] };
    }
  });

  app.post('/api/v1/workspaces', async (request, reply) => {
    const identity = identityOf(request);
    if (identity.kind === 'key')
      throw new AppError('forbidden', 'a workspace is created by a person (who becomes its first admin), not by a key');
    const body = parseWith(createSchema, request.body, 'workspace');
    if (!router) throw new AppError('badRequest', 'this server hosts one workspace only (it was started without a data directory)');
    const created = await router.create({
      name: body.name,
      id: body.id,
      createdBy: identity.kind === 'user' ? identity.userId : null,
    });
    if (identity.kind === 'user') {
      const user = await loadUser(accounts, identity.userId);
      await accounts.put('users', identity.userId, { ...user, roles: { ...user.roles, [created.id]: 'admin' } });
    }
    return reply.status(201).send({ workspace: { ...created, role: 'admin' } });
  });

  app.get('/api/v1/sites', async () => ({ sites: await listSites(accounts, ctx.workspace) }));

  app.post('/api/v1/sites', async (request, reply) => {
    const body = parseWith(siteSchema, request.body, 'site');
    const site = await registerSite(accounts, { id: body.site, workspace: ctx.workspace, name: body.name ?? null });
    router?.sites.forget();
    return reply.status(201).send({ site });
  });

  app.delete('/api/v1/sites/:id', async (request, reply) => {
    const { id } = parseWith(siteParams, request.params, 'site');
    await removeSite(accounts, ctx.workspace, id);
    router?.sites.forget();
    return reply.status(204).send();
  });
}
