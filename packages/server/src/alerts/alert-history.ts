/** What fired and what became of each message: GET /api/v1/alerts/history. */
import { messagesFor } from '../jobs/outbox.ts';
import type { MetadataStore } from '../meta/metadata-store.ts';
import type { AlertEventBody } from './alert-message.ts';
import { redactWebhookUrl } from './alert-rules.ts';

export interface HistoryQuery {
  ruleId?: string;
  limit: number;
  /** Webhook targets as their origin only (readers without edit rights). */
  redactWebhooks?: boolean;
}

export async function alertHistory(meta: MetadataStore, query: HistoryQuery) {
  const docs = query.ruleId
    ? await meta.findBy<AlertEventBody>('alert_events', 'ruleId', query.ruleId)
    : await meta.list<AlertEventBody>('alert_events');
  const recent = docs.sort((a, b) => b.body.firedAt.localeCompare(a.body.firedAt) || a.id.localeCompare(b.id)).slice(0, query.limit);
  return Promise.all(
    recent.map(async (doc) => {
      const { channels: _channels, queued: _queued, ...event } = doc.body;
      const messages = await messagesFor(meta, { type: 'alert', eventId: doc.id });
      return {
        id: doc.id,
        ...event,
        deliveries: messages.map(({ id, body }) => ({
          id,
          channel: body.channel.type,
          target:
            body.channel.type === 'webhook'
              ? query.redactWebhooks
                ? redactWebhookUrl(body.channel.url)
                : body.channel.url
              : body.channel.to.join(', '),
          status: body.status,
          attempts: body.attempts,
          lastError: body.lastError,
          lastAttemptAt: body.lastAttemptAt,
          nextAttemptAt: body.status === 'pending' ? body.nextAttemptAt : null,
          deliveredAt: body.deliveredAt,
        })),
      };
    }),
  );
}
