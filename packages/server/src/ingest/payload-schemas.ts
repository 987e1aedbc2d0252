/**
 * zod schemas of what senders post: the tracker's compact payload (`POST /api/v1/collect`) and
 * server-side events (`POST /api/v1/events`), plus the per-event error shape both answer with.
 */
import { EVENT_TYPES } from '@northstar/core';
import { z } from 'zod';
import { INGEST_LIMITS } from './limits.ts';

export const SITE_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A rejected event of a batch: its 0-based index, the field at fault ('' for the whole event) and why. */
export interface EventError {
  index: number;
  field: string;
  reason: string;
}

const events = z
  .array(z.unknown())
  .min(1, 'must hold at least one event')
  .max(INGEST_LIMITS.maxEventsPerRequest, `must hold at most ${INGEST_LIMITS.maxEventsPerRequest} events`);

/** `{"events":[…]}`; a body without `events` is one event (checked by the caller). */
export const eventsBatchSchema = z.object({ events });

export const collectBodySchema = z.object({
  site: z.string().regex(SITE_ID_RE, 'must be a site id: letters, digits, dot, dash or underscore (at most 64)'),
  events,
});

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/**
 * One tracker event. The tracker never sends a time (the server stamps arrival), a visitor id
 * (derived from a daily salt, IP and user agent) or a session id (derived live).
 */
export const collectEventSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, dashes or underscores'),
    type: z.enum(EVENT_TYPES),
    url: text(8192),
    referrer: text(8192).optional(),
    title: text(1024).optional(),
    name: text(1024).optional(),
    value: z.number().finite().optional(),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code')
      .optional(),
    experiment: text(256).optional(),
    variant: text(256).optional(),
    scroll: z.number().min(0).max(100).optional(),
    /** A CRM contact id, or `sha256:<hex>` of a lowercased email (identify). */
    contact: text(256).optional(),
  })
  .superRefine((event, ctx) => {
    if (event.type === 'identify' && !event.contact)
      ctx.addIssue({ code: 'custom', path: ['contact'], message: 'is required for identify events' });
  });

export type CollectEvent = z.infer<typeof collectEventSchema>;

/** zod issues as per-event errors. */
export function toEventErrors(index: number, error: z.ZodError): EventError[] {
  return error.issues.map((issue) => ({ index, field: issue.path.map(String).join('.'), reason: issue.message }));
}

/** zod issues of an envelope as one readable message. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
