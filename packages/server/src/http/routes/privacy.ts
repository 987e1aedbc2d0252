import { parseWith } from '@northstar/core';
/**
 * Privacy and accountability (admins): erase a contact or a visitor, the retention limit (applied
 * at once when set, then hourly), and the audit log.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listAudit } from '../../auth/audit-log.ts';
import { eraseSubject } from '../../privacy/erase.ts';
import { loadPrivacySettings, MAX_RETENTION_DAYS, runRetention, savePrivacySettings } from '../../privacy/retention.ts';
import type { Store } from '../../store/store.ts';
import type { AuthContext } from '../auth/auth-context.ts';

const personId = z.string().trim().min(1).max(200);
const eraseSchema = z.union([z.object({ contactId: personId }).strict(), z.object({ visitorId: personId }).strict()]);
const settingsSchema = z.object({ retentionDays: z.number().int().min(1).max(MAX_RETENTION_DAYS).nullable() }).strict();
const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }).strict();
const HOUR_MS = 3_600_000;

export function registerPrivacyRoutes(app: FastifyInstance, store: Store, ctx: AuthContext, options: { retentionJob: boolean }): void {
  const { meta, workspace } = ctx;

  app.post('/api/v1/privacy/erase', async (request) => eraseSubject(store, parseWith(eraseSchema, request.body, 'erasure request')));

  app.get('/api/v1/privacy/settings', async () => loadPrivacySettings(meta, workspace));

  app.put('/api/v1/privacy/settings', async (request) => {
    const { retentionDays } = parseWith(settingsSchema, request.body, 'privacy settings');
    const current = await loadPrivacySettings(meta, workspace);
    await savePrivacySettings(meta, workspace, { ...current, retentionDays });
    const deleted = await runRetention(store, workspace);
    return { ...(await loadPrivacySettings(meta, workspace)), deleted };
  });

  app.get('/api/v1/audit-log', async (request) => ({
    entries: await listAudit(meta, parseWith(auditQuery, request.query, 'query').limit),
  }));

  if (!options.retentionJob) return;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => void runRetention(store, workspace).catch((error: unknown) => app.log.error({ err: error }, 'retention job failed'));
  app.addHook('onReady', async () => {
    tick();
    timer = setInterval(tick, HOUR_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
