/**
 * One evaluation pass: every enabled rule is checked; an occurrence not seen before is recorded in
 * `alert_events` (id derived from its key, so it is recorded once, across restarts too) and a
 * message per channel is queued in the outbox. The event is written first with `queued: false` and
 * flipped once its messages are queued; a pass that finds an event still unqueued (a crash in
 * between) queues what is missing, so nothing that fired is lost and nothing is queued twice.
 */
import type { Catalog } from '@northstar/core';
import { enqueueOnce, stableId } from '../jobs/outbox.ts';
import { loadWorkspaceCatalog } from '../metrics/workspace-catalog.ts';
import type { Store } from '../store/store.ts';
import { type AlertEventBody, alertMessage } from './alert-message.ts';
import { type AlertRuleView, listRules } from './alert-rules.ts';
import { checkRule } from './check-rule.ts';

export interface EvaluationResult {
  checked: number;
  fired: Array<{ eventId: string; ruleId: string; key: string; summary: string }>;
  errors: Array<{ ruleId: string; message: string }>;
}

export function eventIdOf(key: string): string {
  return stableId('alert', key);
}

async function queueMessages(store: Store, eventId: string, event: AlertEventBody, now: Date): Promise<void> {
  const { name } = await store.getSettings();
  for (const [i, channel] of event.channels.entries()) {
    await enqueueOnce(
      store.metadata,
      stableId(eventId, String(i), JSON.stringify(channel)),
      alertMessage(eventId, event, channel, name),
      now,
    );
  }
  await store.metadata.put('alert_events', eventId, { ...event, queued: true });
}

async function fire(store: Store, rule: AlertRuleView, occurrence: Awaited<ReturnType<typeof checkRule>> & object, now: Date) {
  const eventId = eventIdOf(occurrence.key);
  if (await store.metadata.get('alert_events', eventId)) return undefined;
  const event: AlertEventBody = {
    ruleId: rule.id,
    ruleName: rule.name,
    key: occurrence.key,
    period: occurrence.period,
    metric: occurrence.metric,
    summary: occurrence.summary,
    details: occurrence.details,
    firedAt: now.toISOString(),
    channels: rule.channels,
    queued: false,
  };
  await store.metadata.put('alert_events', eventId, event);
  await queueMessages(store, eventId, event, now);
  return { eventId, ruleId: rule.id, key: occurrence.key, summary: occurrence.summary };
}

/** Events recorded by a pass that stopped before queueing their messages. */
async function queueUnqueued(store: Store, now: Date): Promise<void> {
  for (const doc of await store.metadata.findBy<AlertEventBody>('alert_events', 'queued', 'false')) {
    await queueMessages(store, doc.id, doc.body, now);
  }
}

export async function evaluateAlerts(store: Store, options: { now: Date; catalog?: Catalog }): Promise<EvaluationResult> {
  const { now } = options;
  const catalog = options.catalog ?? (await loadWorkspaceCatalog(store.metadata));
  const settings = await store.getSettings();
  const ctx = { store, catalog, now, currency: settings.currency, timezone: settings.timezone };
  const result: EvaluationResult = { checked: 0, fired: [], errors: [] };
  await queueUnqueued(store, now);
  for (const rule of await listRules(store)) {
    if (!rule.enabled) continue;
    result.checked++;
    try {
      const occurrence = await checkRule(ctx, rule);
      const fired = occurrence ? await fire(store, rule, occurrence, now) : undefined;
      if (fired) result.fired.push(fired);
    } catch (error) {
      // One broken rule (its goal deleted, its custom metric gone) must not stop the others.
      result.errors.push({ ruleId: rule.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
