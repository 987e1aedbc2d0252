/** User management (admins): list, invite, change role, remove, reset a password. */
import { AppError, parseWith } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { generatePassword, MAX_PASSWORD_LENGTH } from '../../auth/passwords.ts';
import { ROLES } from '../../auth/roles.ts';
import { deleteUserSessions } from '../../auth/sessions.ts';
import { createUser, listUsers, removeUser, setPassword, setRole } from '../../auth/users.ts';
import type { AuthContext } from '../auth/auth-context.ts';

const inviteSchema = z
  .object({ email: z.string().min(3).max(320), role: z.enum(ROLES), password: z.string().min(1).max(MAX_PASSWORD_LENGTH).optional() })
  .strict();
const roleSchema = z.object({ role: z.enum(ROLES) }).strict();
const resetSchema = z.object({ password: z.string().min(1).max(MAX_PASSWORD_LENGTH).optional() }).strict();
const idSchema = z.object({ id: z.string().regex(/^usr_[0-9a-f]{16}$/, 'is not a user id') });

export function registerUserRoutes(app: FastifyInstance, ctx: AuthContext): void {
  const { accounts: meta, workspace } = ctx;
  const userId = (params: unknown) => parseWith(idSchema, params, 'user id').id;

  app.get('/api/v1/users', async () => ({ users: await listUsers(meta, workspace) }));

  /** Without a password, one is generated and returned once; the user must change it at first login. */
  app.post('/api/v1/users', async (request, reply) => {
    const body = parseWith(inviteSchema, request.body, 'user');
    const temporaryPassword = body.password === undefined ? generatePassword() : undefined;
    const user = await createUser(meta, {
      email: body.email,
      role: body.role,
      password: body.password ?? (temporaryPassword as string),
      workspace,
      mustChangePassword: body.password === undefined,
    });
    return reply.status(201).send({ user, ...(temporaryPassword ? { temporaryPassword } : {}) });
  });

  app.patch('/api/v1/users/:id', async (request) => {
    const { role } = parseWith(roleSchema, request.body, 'role change');
    return setRole(meta, userId(request.params), workspace, role);
  });

  app.delete('/api/v1/users/:id', async (request, reply) => {
    const id = userId(request.params);
    await removeUser(meta, id, workspace);
    await deleteUserSessions(meta, id);
    return reply.status(204).send();
  });

  app.post('/api/v1/users/:id/password', async (request) => {
    const id = userId(request.params);
    const body = parseWith(resetSchema, request.body, 'password reset');
    const users = await listUsers(meta, workspace);
    if (!users.some((u) => u.id === id)) throw new AppError('notFound', `no user ${id} in this workspace`);
    const temporaryPassword = body.password === undefined ? generatePassword() : undefined;
    await setPassword(meta, id, body.password ?? (temporaryPassword as string), true);
    await deleteUserSessions(meta, id);
    return { id, ...(temporaryPassword ? { temporaryPassword } : {}) };
  });
}
