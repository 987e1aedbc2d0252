/** Alert rules in the metadata collection `alerts`, checked against the catalog, the goals and the target policy on save. */
import { randomUUID } from 'node:crypto';
import {
  type AlertRuleInput,
  AppError,
  alertRuleInputSchema,
  alertRulePatchSchema,
  allowedDimensions,
  type Catalog,
  parseWith,
} from '@northstar/core';
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

/**
 * A webhook URL as readers without edit rights see it: the origin only. Chat webhooks carry their
 * secret in the path (`https://hooks.slack.com/services/T…/B…/secret`).
 */
export function redactWebhookUrl(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '…';
  }
}

/** The rule with webhook URLs reduced to their origin, for viewers and read keys. */
export function redactRuleView(view: AlertRuleView): AlertRuleView {
  return {
    ...view,
    channels: view.channels.map((channel) => (channel.type === 'webhook' ? { ...channel, url: redactWebhookUrl(channel.url) } : channel)),
  };
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
  const { allowPrivateTargets, defaultRecipients } = await loadNotificationSettings(store.metadata);
  for (const [i, channel] of rule.channels.entries()) {
    if (channel.type === 'email') {
      if (channel.to.length === 0 && defaultRecipients.length === 0) {
        throw new AppError('validation', `channels.${i}.to: no addresses, and no default recipients are set in the delivery settings`, {
          path: `channels.${i}.to`,
        });
      }
      continue;
    }
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

/**
 * A partial change (rename, switch on or off, new condition or channels), checked like a whole rule.
 * Switching a rule off is always accepted: a rule whose goal was deleted or whose target is no
 * longer allowed must still be possible to silence.
 */
export async function patchRule(
  store: Store,
  catalog: Catalog,
  doc: MetaDocument<AlertRuleInput>,
  input: unknown,
  resolve?: Resolver,
): Promise<AlertRuleView> {
  const patch = parseWith(alertRulePatchSchema, input, 'alert rule');
  const onlyDisables = patch.enabled === false && Object.keys(patch).length === 1;
  if (onlyDisables) return toRuleView(await store.metadata.put('alerts', doc.id, { ...doc.body, enabled: false }));
  return saveRule(store, catalog, { ...doc.body, ...patch }, doc.id, resolve);
}

export async function listRules(store: Store): Promise<AlertRuleView[]> {
  return (await store.metadata.list<AlertRuleInput>('alerts')).map(toRuleView);
}
