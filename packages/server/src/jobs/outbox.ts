/**
 * The durable outbox of notifications (metadata collection `outbox`). A message is written before
 * anyone tries to send it, under an id derived from what it is for (the alert occurrence or report
 * run and the channel), and only if no message has that id yet: evaluating again, or again after a
 * restart, never queues a second copy. A delivery pass sends the messages that are due; a failure
 * counts an attempt and schedules the next one with exponential backoff (1 min, 2, 4 … capped at
 * 6 h) until MAX_ATTEMPTS, when the message is marked failed. A crash between sending and
 * recording the success can repeat one delivery; the stable delivery id (webhook header
 * X-Northstar-Delivery, email Message-ID) lets a receiver drop it.
 */
import { createHash } from 'node:crypto';
import type { MetadataStore } from '../meta/metadata-store.ts';
import type { EmailAttachment } from './send-email.ts';

export const MAX_ATTEMPTS = 12;
const BASE_DELAY_MS = 60_000;
const MAX_DELAY_MS = 6 * 3_600_000;

export type OutboxChannel = { type: 'email'; to: string[] } | { type: 'webhook'; url: string };
export type OutboxSource = { type: 'alert'; eventId: string } | { type: 'report'; runId: string };
export type OutboxStatus = 'pending' | 'delivered' | 'failed';

export interface OutboxMessage {
  channel: OutboxChannel;
  source: OutboxSource;
  /** The alert event or report run id, top-level so messages can be found by it. */
  sourceId: string;
  subject: string;
  text: string;
  html?: string;
  /** Webhook body (Slack-compatible `{text, blocks}`). */
  webhookBody?: unknown;
  attachments?: EmailAttachment[];
  /** Set once delivered, when the attachments themselves are dropped. */
  attachmentNames?: string[];
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export type NewOutboxMessage = Pick<OutboxMessage, 'channel' | 'source' | 'subject' | 'text' | 'html' | 'webhookBody' | 'attachments'>;

/** A short stable id from parts (occurrence key, channel index …). */
export function stableId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** Delay before attempt n + 1 after n failed attempts. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

/** Queues a message unless one with this id exists; true when it was queued now. */
export async function enqueueOnce(meta: MetadataStore, id: string, message: NewOutboxMessage, now: Date): Promise<boolean> {
  if (await meta.get('outbox', id)) return false;
  const body: OutboxMessage = {
    ...message,
    sourceId: message.source.type === 'alert' ? message.source.eventId : message.source.runId,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now.toISOString(),
    lastError: null,
    lastAttemptAt: null,
    deliveredAt: null,
    createdAt: now.toISOString(),
  };
  await meta.put('outbox', id, body);
  return true;
}

export async function dueMessages(meta: MetadataStore, now: Date): Promise<Array<{ id: string; body: OutboxMessage }>> {
  const pending = await meta.findBy<OutboxMessage>('outbox', 'status', 'pending');
  return pending.filter((doc) => Date.parse(doc.body.nextAttemptAt) <= now.getTime()).map((doc) => ({ id: doc.id, body: doc.body }));
}

/** Outbox messages sent on behalf of one source (an alert event or a report run). */
export async function messagesFor(meta: MetadataStore, source: OutboxSource): Promise<Array<{ id: string; body: OutboxMessage }>> {
  const field = source.type === 'alert' ? source.eventId : source.runId;
  const docs = await meta.findBy<OutboxMessage>('outbox', 'sourceId', field);
  return docs.map((doc) => ({ id: doc.id, body: doc.body }));
}

/** A delivered message keeps its record but not its attachments (report PDFs): only their names. */
export function recordSuccess(message: OutboxMessage, now: Date): OutboxMessage {
  const at = now.toISOString();
  const { attachments, ...rest } = message;
  return {
    ...rest,
    ...(attachments ? { attachmentNames: attachments.map((a) => a.filename) } : {}),
    status: 'delivered',
    attempts: message.attempts + 1,
    lastAttemptAt: at,
    deliveredAt: at,
    lastError: null,
  };
}

export function recordFailure(message: OutboxMessage, error: string, now: Date, permanent = false): OutboxMessage {
  const attempts = message.attempts + 1;
  const failed = permanent || attempts >= MAX_ATTEMPTS;
  return {
    ...message,
    status: failed ? 'failed' : 'pending',
    attempts,
    lastAttemptAt: now.toISOString(),
    lastError: error.slice(0, 1000),
    nextAttemptAt: failed ? message.nextAttemptAt : new Date(now.getTime() + backoffMs(attempts)).toISOString(),
  };
}
