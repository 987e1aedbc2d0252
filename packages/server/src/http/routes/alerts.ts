/**
 * Alerts: rules (CRUD of `/api/v1/alerts`), an evaluation pass on demand (`POST
 * /api/v1/alerts/evaluate`, the same pass the scheduler of `northstar serve` runs), the history of
 * what fired and was delivered, and the notification settings (SMTP server, default recipients,
 * private targets), which only admins may read or change (http/auth/route-permissions.ts).
 */
import { type AlertRuleInput, AppError, parseWith } from '@northstar/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { alertHistory } from '../../alerts/alert-history.ts';
import { listRules, patchRule, redactRuleView, saveRule, toRuleView } from '../../alerts/alert-rules.ts';
import { notificationSettingsView, updateNotificationSettings } from '../../jobs/notification-settings.ts';
import { runAlertPass } from '../../jobs/run-jobs.ts';
import { loadWorkspaceCatalog } from '../../metrics/workspace-catalog.ts';
import type { Store } from '../../store/store.ts';
import { identityOf } from '../auth/authorize.ts';
import { grantsOf } from '../auth/identity.ts';

const idSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict();
const evaluateSchema = z.object({ at: z.iso.datetime({ offset: true }).optional() }).strict();
const historySchema = z
  .object({
    rule: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

/** Readers without edit rights (viewers, read keys) see webhook targets as their origin only. */
const mayEdit = (request: FastifyRequest) => grantsOf(identityOf(request)).includes('edit');

export function registerAlertRoutes(app: FastifyInstance, store: Store): void {
  const meta = store.metadata;
  const load = async (params: unknown) => {
    const { id } = parseWith(idSchema, params, 'alert id');
    const doc = await meta.get<AlertRuleInput>('alerts', id);
    if (!doc) throw new AppError('notFound', `no alert rule ${id}`);
    return doc;
  };

  app.get('/api/v1/alerts', async (request) => {
    const alerts = await listRules(store);
    return { alerts: mayEdit(request) ? alerts : alerts.map(redactRuleView) };
  });

  app.post('/api/v1/alerts', async (request, reply) =>
    reply.status(201).send(await saveRule(store, await loadWorkspaceCatalog(meta), request.body)),
  );

  app.get('/api/v1/alerts/history', async (request) => {
    const query = parseWith(historySchema, request.query, 'history query');
    const events = await alertHistory(meta, {
      limit: query.limit,
      redactWebhooks: !mayEdit(request),
      ...(query.rule ? { ruleId: query.rule } : {}),
    });
    return { events };
  });

  app.post('/api/v1/alerts/evaluate', async (request) => {
    const { at } = parseWith(evaluateSchema, request.body, 'evaluation');
    return runAlertPass(store, at ? new Date(at) : new Date());
  });

  app.get('/api/v1/alerts/settings', async () => notificationSettingsView(meta));

  app.put('/api/v1/alerts/settings', async (request) => updateNotificationSettings(meta, request.body));

  app.get('/api/v1/alerts/:id', async (request) => {
    const view = toRuleView(await load(request.params));
    return mayEdit(request) ? view : redactRuleView(view);
  });

  app.put('/api/v1/alerts/:id', async (request) => {
    const doc = await load(request.params);
    return saveRule(store, await loadWorkspaceCatalog(meta), request.body, doc.id);
  });

  app.patch('/api/v1/alerts/:id', async (request) => {
    const doc = await load(request.params);
    return patchRule(store, await loadWorkspaceCatalog(meta), doc, request.body);
  });

  app.delete('/api/v1/alerts/:id', async (request, reply) => {
    const doc = await load(request.params);
    await meta.delete('alerts', doc.id);
    return reply.status(204).send();
  });
}
