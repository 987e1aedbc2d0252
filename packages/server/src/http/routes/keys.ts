/**
 * API key management over HTTP (the `admin` permission, checked centrally): list, create (the
 * key is in the answer once), revoke (effective at once in this process).
 */
import { AppError } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createApiKey, KEY_SCOPES, listApiKeys, revokeApiKey } from '../../auth/api-keys.ts';
import type { AuthContext } from '../auth/auth-context.ts';

const createSchema = z.object({ scope: z.enum(KEY_SCOPES), name: z.string().trim().min(1).max(200).optional() });
const idSchema = z.object({ id: z.string().regex(/^key_[0-9a-f]{12}$/, 'is not a key id') });

export function registerKeyRoutes(app: FastifyInstance, ctx: AuthContext): void {
  const { meta } = ctx;

  app.get('/api/v1/keys', async () => ({ keys: await listApiKeys(meta) }));

  app.post('/api/v1/keys', async (request, reply) => {
    const body = createSchema.safeParse(request.body ?? {});
    if (!body.success) throw new AppError('validation', `scope must be one of ${KEY_SCOPES.join(', ')}`, body.error.issues);
    return reply.status(201).send(await createApiKey(meta, body.data.scope, body.data.name ?? null));
  });

  app.delete('/api/v1/keys/:id', async (request) => {
    const params = idSchema.safeParse(request.params);
    if (!params.success) throw new AppError('badRequest', 'not a key id');
    const revoked = await revokeApiKey(meta, params.data.id);
    if (!revoked) throw new AppError('notFound', `no API key ${params.data.id}`);
    ctx.keys.forget();
    return revoked;
  });
}
