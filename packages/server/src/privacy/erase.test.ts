import type { StoredRow } from '@northstar/core';
import { STORED_TABLES } from '@northstar/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, utc } from '../metrics/test-fixtures.ts';
import type { Store } from '../store/store.ts';
import { eraseSubject } from './erase.ts';
import { applyRetention } from './retention.ts';

const event = (id: string, visitor: string, contact: string | null, at: string): StoredRow => ({
  event_id: id,
  site: 'site1',
  timestamp: utc(at),
  type: 'pageview',
  name: 'pageview',
  visitor_id: visitor,
  session_id: null,
  session_derived: true,
  contact_id: contact,
  url: 'https://example.com/',
  path: '/',
});

/** Contact c1 (visitor v1, anonymous before signing up), visitor v9 (never a contact), and bystanders c2/v2. */
async function seed(store: Store): Promise<void> {
  const live = [
    event('e1', 'v1', null, '2026-01-02 10:00'),
    event('e2', 'v1', 'c1', '2026-01-02 10:05'),
    event('e9', 'v9', null, '2026-01-03 08:00'),
  ];
  await store.appendLiveEvents(live, utc('2026-01-03 09:00'));
  await store.insertRows('events', [event('e3', 'v2', 'c2', '2026-01-04 11:00'), event('e4', 'v1', null, '2026-01-05 11:00')]);
  await store.refreshSessions();
  await store.insertRows('contacts', [
    { contact_id: 'c1', created_at: utc('2026-01-02 10:05'), email: 'c1@example.com' },
    { contact_id: 'c2', created_at: utc('2026-01-04 11:00'), email: 'c2@example.com' },
  ]);
  await store.insertRows('stages', [
    { contact_id: 'c1', stage: 'lead', timestamp: utc('2026-01-02 10:05') },
    { contact_id: 'c2', stage: 'lead', timestamp: utc('2026-01-04 11:00') },
  ]);
  await store.insertRows('deals', [
    { deal_id: 'd1', contact_id: 'c1', created_at: utc('2026-01-06 00:00'), status: 'won', amount: 10 },
    { deal_id: 'd2', contact_id: 'c2', created_at: utc('2026-01-06 00:00'), status: 'won', amount: 20 },
  ]);
  await store.insertRows('orders', [
    { order_id: 'o1', contact_id: 'c1', timestamp: utc('2026-01-07 00:00'), amount: 5 },
    { order_id: 'o2', contact_id: 'c2', timestamp: utc('2026-01-07 00:00'), amount: 6 },
  ]);
  await store.insertRows('nps', [
    { response_id: 'n1', contact_id: 'c1', timestamp: utc('2026-01-08 00:00'), score: 9, comment: 'mine' },
    { response_id: 'n2', contact_id: 'c2', timestamp: utc('2026-01-08 00:00'), score: 7, comment: 'theirs' },
  ]);
}

/** Every row, in every table, that names this contact or visitor (or an event of theirs, for the ingest log). */
async function rowsOf(store: Store, contact: string, visitors: string[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const table of Object.values(STORED_TABLES)) {
    const names = table.columns.map(([c]) => c);
    const params = [...(names.includes('contact_id') ? [contact] : []), ...(names.includes('visitor_id') ? visitors : [])];
    const where = [
      ...(names.includes('contact_id') ? ['contact_id = $1'] : []),
      ...(names.includes('visitor_id') ? visitors.map((_v, i) => `visitor_id = $${params.length - visitors.length + i + 1}`) : []),
    ];
    if (where.length === 0) continue;
    const [row] = await store.query(`SELECT count(*) AS n FROM "${table.name}" WHERE ${where.join(' OR ')}`, params);
    found[table.name] = Number(row?.n);
  }
  const [ids] = await store.query(`SELECT count(*) AS n FROM ingest_event_ids WHERE event_id IN ('e1', 'e2', 'e4', 'e9')`);
  found.ingest_event_ids = Number(ids?.n);
  return found;
}

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
  await seed(store);
});
afterEach(async () => store.close());

describe('erasure', () => {
  it('leaves no row of an erased contact (and their visitor) or an erased visitor in any table', async () => {
    const before = await rowsOf(store, 'c1', ['v1', 'v9']);
    expect(before).toMatchObject({ events: 4, sessions: 3, contacts: 1, stages: 1, deals: 1, orders: 1, nps: 1, ingest_event_ids: 3 });

    const contact = await eraseSubject(store, { contactId: 'c1' });
    expect(contact.visitorIds).toEqual(['v1']);
    const visitor = await eraseSubject(store, { visitorId: 'v9' });
    expect(visitor.deleted).toMatchObject({ events: 1, ingest_event_ids: 1 });

    const after = await rowsOf(store, 'c1', ['v1', 'v9']);
    expect(Object.entries(after).filter(([, n]) => n !== 0)).toEqual([]);
    // The bystanders are untouched.
    expect(await rowsOf(store, 'c2', ['v2'])).toMatchObject({
      events: 1,
      sessions: 1,
      contacts: 1,
      stages: 1,
      deals: 1,
      orders: 1,
      nps: 1,
    });
  });

  it('treats an id with SQL in it as a plain value', async () => {
    const result = await eraseSubject(store, { contactId: "c1' OR '1'='1" });
    expect(result.deleted).toEqual({});
    expect(await store.count('contacts')).toBe(2);
  });
});

describe('retention', () => {
  it('deletes raw events and sessions older than the limit, and nothing else', async () => {
    const deleted = await applyRetention(store, 30, utc('2026-02-03 12:00'));
    // Before 2026-01-04 12:00: events e1, e2, e9, e3, and the ingest log entries (received 01-03).
    expect(deleted).toMatchObject({ events: 4, ingest_event_ids: 3 });
    expect(await store.count('events')).toBe(1);
    expect(await store.count('contacts')).toBe(2);
    expect(await store.count('deals')).toBe(2);
  });
});
