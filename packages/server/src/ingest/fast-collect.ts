/**
 * A fast path for the tracker's payloads on `POST /api/v1/collect`: a well-formed envelope or event
 * gives exactly what the zod schemas of payload-schemas.ts give, without zod's machinery (its
 * object parse is most of a single-event request's validation). Anything the schemas would refuse
 * returns undefined, and the caller runs zod, which words the errors. A property test holds the two
 * to the same answers.
 */
import { EVENT_TYPES } from '@northstar/core';
import { INGEST_LIMITS } from './limits.ts';
import { type CollectEvent, SITE_ID_RE } from './payload-schemas.ts';

const ID_RE = /^[A-Za-z0-9_-]{8,64}$/;
const CURRENCY_RE = /^[A-Za-z]{3}$/;
const TYPES: ReadonlySet<unknown> = new Set(EVENT_TYPES);

const optionalText = (value: unknown, max: number) => value === undefined || (typeof value === 'string' && value.length <= max);

/** `{site, events}` as collectBodySchema parses it, or undefined when zod should have its say. */
export function fastCollectBody(body: unknown): { site: string; events: unknown[] } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { site, events } = body as Record<string, unknown>;
  if (typeof site !== 'string' || !SITE_ID_RE.test(site)) return undefined;
  if (!Array.isArray(events) || events.length < 1 || events.length > INGEST_LIMITS.maxEventsPerRequest) return undefined;
  return { site, events };
}

/** One tracker event as collectEventSchema parses it (unknown keys dropped), or undefined. */
export function fastCollectEvent(raw: Record<string, unknown>): CollectEvent | undefined {
  const { id, type, url, referrer, title, name, value, currency, experiment, variant, scroll, contact } = raw;
  if (typeof id !== 'string' || !ID_RE.test(id)) return undefined;
  if (!TYPES.has(type) || typeof url !== 'string' || url.length > 8192) return undefined;
  if (!optionalText(referrer, 8192) || !optionalText(title, 1024) || !optionalText(name, 1024)) return undefined;
  if (!optionalText(experiment, 256) || !optionalText(variant, 256) || !optionalText(contact, 256)) return undefined;
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) return undefined;
  if (currency !== undefined && (typeof currency !== 'string' || !CURRENCY_RE.test(currency))) return undefined;
  if (scroll !== undefined && (typeof scroll !== 'number' || !(scroll >= 0 && scroll <= 100))) return undefined;
  if (type === 'identify' && !contact) return undefined;
  const event = { id, type, url } as CollectEvent;
  if (referrer !== undefined) event.referrer = referrer as string;
  if (title !== undefined) event.title = title as string;
  if (name !== undefined) event.name = name as string;
  if (value !== undefined) event.value = value as number;
  if (currency !== undefined) event.currency = currency as string;
  if (experiment !== undefined) event.experiment = experiment as string;
  if (variant !== undefined) event.variant = variant as string;
  if (scroll !== undefined) event.scroll = scroll as number;
  if (contact !== undefined) event.contact = contact as string;
  return event;
}
