/**
 * Request bodies to ingest batches: each event is checked on its own (an object, at most 32 KB,
 * then the events input kind's validation), so one bad event is reported by index and field while
 * the others go on.
 */
import { createHash } from 'node:crypto';
import { AppError, type ParsedRow, validateRow } from '@northstar/core';
import { eventBytes } from './event-size.ts';
import { fastCollectBody, fastCollectEvent } from './fast-collect.ts';
import { fastValidateEvent } from './fast-validate.ts';
import type { IngestBatch } from './ingest-pipeline.ts';
import { INGEST_LIMITS } from './limits.ts';
import {
  type CollectEvent,
  collectBodySchema,
  collectEventSchema,
  describeIssues,
  type EventError,
  eventsBatchSchema,
  toEventErrors,
} from './payload-schemas.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object check and size limit every event goes through first. */
function checkEnvelope(raw: unknown, index: number, errors: EventError[]): raw is Record<string, unknown> {
  if (!isRecord(raw)) {
    errors.push({
      index,
      field: '',
      reason: `must be a JSON object, got ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw}`,
    });
    return false;
  }
  const max = INGEST_LIMITS.maxEventBytes;
  if (eventBytes(raw, max) > max) {
    errors.push({ index, field: '', reason: `is larger than ${max} bytes` });
    return false;
  }
  return true;
}

/** `{"events":[…]}` or one event object, as server-side senders post them. */
export function toServerBatch(body: unknown, timezone: string): IngestBatch {
  if (!isRecord(body)) throw new AppError('validation', 'the body must be an event object or {"events":[…]}');
  let events: unknown[] = [body];
  const listed = body.events;
  if (Array.isArray(listed) && listed.length >= 1 && listed.length <= INGEST_LIMITS.maxEventsPerRequest) {
    // What eventsBatchSchema would answer, without its parse.
    events = listed;
  } else if (Object.hasOwn(body, 'events')) {
    const batch = eventsBatchSchema.safeParse(body);
    if (!batch.success) throw new AppError('validation', describeIssues(batch.error));
    events = batch.data.events;
  }
  const rows: ParsedRow[] = [];
  const errors: EventError[] = [];
  events.forEach((raw, index) => {
    if (!checkEnvelope(raw, index, errors)) return;
    const quick = fastValidateEvent(raw, timezone);
    if (quick) {
      rows.push(quick);
      return;
    }
    const result = validateRow('events', raw, index + 1, timezone);
    if (result.ok) rows.push(result.row);
    else for (const e of result.errors) errors.push({ index, field: e.column, reason: e.reason });
  });
  return { received: events.length, rows, errors };
}

export interface CollectContext {
  visitorId: string;
  userAgent: string;
  nowMs: number;
}

/** The site and events of a tracker payload, before the visitor id is known. */
export function readCollectBody(body: unknown): { site: string; events: unknown[] } {
  const quick = fastCollectBody(body);
  if (quick) return quick;
  const parsed = collectBodySchema.safeParse(body);
  if (!parsed.success) throw new AppError('validation', describeIssues(parsed.error));
  return parsed.data;
}

const EMAIL_HASH_RE = /^sha256:[0-9a-f]{64}$/;

/**
 * What identify stores for a tracker contact: a CRM id as it is; an email never — a raw one (the
 * tracker hashes before sending, but a hand-written call may not) becomes `sha256:<hex>` of the
 * trimmed, lowercased address, the same form the tracker sends.
 */
export function contactIdOf(contact: string | undefined): string | null {
  if (contact === undefined || contact.trim() === '') return null;
  const value = contact.trim();
  if (EMAIL_HASH_RE.test(value)) return value;
  if (value.includes('@')) return `sha256:${createHash('sha256').update(value.toLowerCase()).digest('hex')}`;
  return value;
}

/** Tracker field names differ from the column names where the tracker saves bytes. */
const COLLECT_FIELDS: Record<string, string> = { event_id: 'id', scroll_percent: 'scroll', contact_id: 'contact' };

function toRecord(site: string, event: CollectEvent, context: CollectContext, timestamp: string): Record<string, unknown> {
  return {
    event_id: event.id,
    timestamp,
    type: event.type,
    name: event.name,
    site,
    visitor_id: context.visitorId,
    contact_id: contactIdOf(event.contact),
    url: event.url,
    title: event.title,
    referrer: event.referrer,
    user_agent: context.userAgent,
    value: event.value,
    currency: event.currency?.toUpperCase(),
    experiment: event.experiment,
    variant: event.variant,
    scroll_percent: event.scroll,
  };
}

/** The tracker's events of one request; the server's clock stamps them. */
export function toCollectBatch(site: string, events: readonly unknown[], context: CollectContext): IngestBatch {
  const timestamp = new Date(context.nowMs).toISOString();
  const rows: ParsedRow[] = [];
  const errors: EventError[] = [];
  events.forEach((raw, index) => {
    if (!checkEnvelope(raw, index, errors)) return;
    let event = fastCollectEvent(raw);
    if (!event) {
      const parsed = collectEventSchema.safeParse(raw);
      if (!parsed.success) {
        errors.push(...toEventErrors(index, parsed.error));
        return;
      }
      event = parsed.data;
    }
    const record = toRecord(site, event, context, timestamp);
    const quick = fastValidateEvent(record, 'UTC');
    if (quick) {
      rows.push(quick);
      return;
    }
    const result = validateRow('events', record, index + 1, 'UTC');
    if (result.ok) rows.push(result.row);
    else for (const e of result.errors) errors.push({ index, field: COLLECT_FIELDS[e.column] ?? e.column, reason: e.reason });
  });
  return { received: events.length, rows, errors };
}
