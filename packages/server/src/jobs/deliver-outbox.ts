/** One delivery pass over the outbox: every due message is sent once and its outcome recorded. */
import { AppError, isAppError } from '@northstar/core';
import type { MetadataStore } from '../meta/metadata-store.ts';
import { loadNotificationSettings, type NotificationSettings } from './notification-settings.ts';
import { dueMessages, type OutboxMessage, recordFailure, recordSuccess } from './outbox.ts';
import { sendEmail } from './send-email.ts';
import { sendWebhook } from './send-webhook.ts';
import type { Resolver } from './target-address.ts';

export interface DeliveryOptions {
  now: Date;
  /** DNS for target checks; the system resolver by default. */
  resolve?: Resolver;
}

export interface DeliverySummary {
  attempted: number;
  delivered: number;
  failed: number;
  retrying: number;
}

/** A target the workspace does not allow will not become allowed by waiting: no retry. */
function isPermanent(error: unknown): boolean {
  if (!isAppError(error) || error.code !== 'NS_ERR_BLOCKED_TARGET') return false;
  return !(error.details as { retryable?: boolean } | undefined)?.retryable;
}

async function send(id: string, message: OutboxMessage, settings: NotificationSettings, options: DeliveryOptions): Promise<void> {
  const resolve = options.resolve ? { resolve: options.resolve } : {};
  const allowPrivate = settings.allowPrivateTargets;
  if (message.channel.type === 'webhook') {
    await sendWebhook(message.channel.url, message.webhookBody ?? { text: message.text }, { allowPrivate, deliveryId: id, ...resolve });
    return;
  }
  // An email channel without addresses goes to the default recipients in force when it is sent.
  const to = message.channel.to.length > 0 ? message.channel.to : settings.defaultRecipients;
  if (to.length === 0) throw new AppError('badRequest', 'no recipients: the message is for the default recipients and none are set');
  await sendEmail(
    settings.smtp,
    {
      to,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      ...(message.attachments ? { attachments: message.attachments } : {}),
    },
    { allowPrivate, deliveryId: id, ...resolve },
  );
}

export async function deliverDueMessages(meta: MetadataStore, options: DeliveryOptions): Promise<DeliverySummary> {
  const summary: DeliverySummary = { attempted: 0, delivered: 0, failed: 0, retrying: 0 };
  const due = await dueMessages(meta, options.now);
  if (due.length === 0) return summary;
  const settings = await loadNotificationSettings(meta);
  for (const { id, body } of due) {
    summary.attempted++;
    let next: OutboxMessage;
    try {
      await send(id, body, settings, options);
      next = recordSuccess(body, options.now);
      summary.delivered++;
    } catch (error) {
      next = recordFailure(body, error instanceof Error ? error.message : String(error), options.now, isPermanent(error));
      if (next.status === 'failed') summary.failed++;
      else summary.retrying++;
    }
    await meta.put('outbox', id, next);
  }
  return summary;
}
