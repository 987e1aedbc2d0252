/**
 * One session's row of table `sessions`, advanced one event at a time by exactly the rules of the
 * store's SQL (sessionsSelectSql): attributes of the first event in ("timestamp", event_id) order,
 * the first non-null contact and country, the first pageview's path, counts and the time span. The
 * live refresher keeps one per session started in this process, so a session's row is rewritten
 * from memory instead of from a scan of its events.
 */
import type { StoredRow } from '@northstar/core';

type Text = string | null;

/** The order key of an event: timestamp (ms), then event id as DuckDB compares VARCHARs (bytes). */
interface OrderKey {
  ms: number;
  id: string;
}

function before(a: OrderKey, b: OrderKey): boolean {
  if (a.ms !== b.ms) return a.ms < b.ms;
  // UTF-8 byte order; differs from JS string order only beyond the BMP, and only on equal instants.
  return Buffer.compare(Buffer.from(a.id), Buffer.from(b.id)) < 0;
}

const FIRST_EVENT_FIELDS = [
  'site',
  'visitor_id',
  'channel',
  'source',
  'medium',
  'campaign',
  'referrer_domain',
  'device',
  'browser',
  'os',
  'device_model',
] as const;

const CONVERSION_TYPES: ReadonlySet<unknown> = new Set(['goal', 'form_submit']);

const text = (value: unknown): Text => (value === null || value === undefined ? null : String(value));

export class SessionAggregate {
  readonly sessionId: string;
  #first: OrderKey;
  #firstFields: Record<(typeof FIRST_EVENT_FIELDS)[number], Text>;
  #contact: { key: OrderKey; value: string } | undefined;
  #country: { key: OrderKey; value: string } | undefined;
  #landing: { key: OrderKey; value: Text } | undefined;
  #minMs: number;
  #maxMs: number;
  #pageviews = 0;
  #events = 0;
  #conversions = 0;

  constructor(sessionId: string, event: StoredRow) {
    this.sessionId = sessionId;
    this.#first = keyOf(event);
    this.#firstFields = pick(event);
    this.#minMs = this.#first.ms;
    this.#maxMs = this.#first.ms;
    this.add(event, this.#first);
  }

  /** Latest event time seen (epoch ms). */
  get endedMs(): number {
    return this.#maxMs;
  }

  get startedMs(): number {
    return this.#minMs;
  }

  add(event: StoredRow, key: OrderKey = keyOf(event)): void {
    if (before(key, this.#first)) {
      this.#first = key;
      this.#firstFields = pick(event);
    }
    this.#minMs = Math.min(this.#minMs, key.ms);
    this.#maxMs = Math.max(this.#maxMs, key.ms);
    this.#events++;
    if (event.type === 'pageview') {
      this.#pageviews++;
      if (!this.#landing || before(key, this.#landing.key)) this.#landing = { key, value: text(event.path) };
    }
    if (CONVERSION_TYPES.has(event.type)) this.#conversions++;
    const contact = text(event.contact_id);
    if (contact !== null && (!this.#contact || before(key, this.#contact.key))) this.#contact = { key, value: contact };
    const country = text(event.country);
    if (country !== null && (!this.#country || before(key, this.#country.key))) this.#country = { key, value: country };
  }

  /** The session's row, column for column as STORED_TABLES.sessions (timestamps in epoch ms). */
  toRow(): StoredRow {
    const f = this.#firstFields;
    return {
      session_id: this.sessionId,
      site: f.site,
      visitor_id: f.visitor_id,
      contact_id: this.#contact?.value ?? null,
      started_at: this.#minMs,
      ended_at: this.#maxMs,
      // As DuckDB's epoch(max) - epoch(min): micro-seconds over 1e6, in doubles.
      duration_s: (this.#maxMs * 1000) / 1e6 - (this.#minMs * 1000) / 1e6,
      pageviews: this.#pageviews,
      events: this.#events,
      conversions: this.#conversions,
      converted: this.#conversions > 0,
      bounced: this.#pageviews === 1 && this.#conversions === 0,
      channel: f.channel,
      source: f.source,
      medium: f.medium,
      campaign: f.campaign,
      referrer_domain: f.referrer_domain,
      landing_page: this.#landing?.value ?? null,
      device: f.device,
      browser: f.browser,
      os: f.os,
      device_model: f.device_model,
      country: this.#country?.value ?? null,
    };
  }
}

function keyOf(event: StoredRow): OrderKey {
  return { ms: Number(event.timestamp), id: String(event.event_id) };
}

function pick(event: StoredRow): Record<(typeof FIRST_EVENT_FIELDS)[number], Text> {
  const fields = {} as Record<(typeof FIRST_EVENT_FIELDS)[number], Text>;
  for (const name of FIRST_EVENT_FIELDS) fields[name] = text(event[name]);
  return fields;
}
