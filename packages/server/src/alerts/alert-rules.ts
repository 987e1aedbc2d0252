/** Alert rules in the metadata collection `alerts`, checked against the catalog, the goals and the target policy on save. */
import { randomUUID } from 'node:crypto';
import { type AlertRuleInput, AppError, alertRuleInputSchema, allowedDimensions, type Catalog, parseWith } from '@northstar/core';
import { loadNotificationSettings } from '../jobs/notification-settings.ts';
import { checkWebhookUrl, type Resolver, refuseBlockedTarget } from '../jobs/target-address.ts';
import type { MetaDocument } from '../meta/metadata-store.ts';
import type { Store } from '../store/store.ts';

export interface AlertRuleView extends AlertRuleInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export function toRuleView(doc: MetaDocument<AlertRuleInput>): AlertRuleView {
  return { ...doc.body, id: doc.id, createdAt: doc.createdAt, updatedAt: doc.updatedAt };
}

async function checkRuleInput(store: Store, catalog: Catalog, rule: AlertRuleInput, resolve?: Resolver): Promise<void> {
  const c = rule.condition;
  if (c.type === 'goal_pace') {
    if (!(await store.metadata.get('goals', c.goalId)))
      throw new AppError('validation', `no goal ${c.goalId}`, { path: 'condition.goalId' });
  } else {
    const metric = catalog.metrics.get(c.metric);
    if (!metric) throw new AppError('unknownMetric', `unknown metric '${c.metric}'`, { path: 'condition.metric' });
    if (metric.kind !== 'series')
      throw new AppError('validation', `metric '${c.metric}' is a table; alerts watch single values`, { path: 'condition.metric' });
    if (c.filter && !allowedDimensions(catalog, metric).includes(c.filter.dimension)) {
      throw new AppError('unknownDimension', `dimension '${c.filter.dimension}' not allowed for metric '${c.metric}'`, {
        path: 'condition.filter',
      });
    }
  }
  const { allowPrivateTargets } = await loadNotificationSettings(store.metadata);
  for (const [i, channel] of rule.channels.entries()) {
    if (channel.type !== 'webhook') continue;
    try {
      await refuseBlockedTarget(checkWebhookUrl(channel.url, { allowPrivate: allowPrivateTargets, ...(resolve ? { resolve } : {}) }));
    } catch (error) {
      if (error instanceof AppError) throw new AppError('blockedTarget', `channels.${i}.url: ${error.message}`, error.details);
      throw error;
    }
  }
}

export async function saveRule(
  store: Store,
  catalog: Catalog,
  input: unknown,
  id: string = randomUUID(),
  resolve?: Resolver,
): Promise<AlertRuleView> {
  const rule = parseWith(alertRuleInputSchema, input, 'alert rule');
  await checkRuleInput(store, catalog, rule, resolve);
  return toRuleView(await store.metadata.put('alerts', id, rule));
}

export async function listRules(store: Store): Promise<AlertRuleView[]> {
  return (await store.metadata.list<AlertRuleInput>('alerts')).map(toRuleView);
}
