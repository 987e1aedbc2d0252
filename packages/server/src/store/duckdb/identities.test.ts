import { createHash } from 'node:crypto';
import { parseQueryRequest } from '@northstar/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importText } from '../../import/test-helpers.ts';
import { runQuery } from '../../metrics/run-query.ts';
import { DuckDbStore } from './duckdb-store.ts';

let store: DuckDbStore;
beforeEach(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

const hashed = (email: string) => `sha256:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;

describe('identities', () => {
  it("links a visitor to a contact through the hash of the contact's email, in either import order", async () => {
    const events = `event_id,timestamp,type,visitor_id,contact_id,url,referrer
e1,2026-03-02T10:00:00Z,pageview,v1,,https://acme.test/pricing,https://www.google.com/
e2,2026-03-02T10:03:00Z,identify,v1,${hashed(' Anna@Acme.test ')},https://acme.test/contact,`;
    const contacts = 'contact_id,created_at,email\nc1,2026-03-02T10:04:00Z,anna@acme.test';
    // Contacts after events: the contacts import rebuilds the identities.
    await importText(store, 'events', events);
    await importText(store, 'contacts', contacts);
    expect(await store.query('SELECT visitor_id, contact_id FROM identities')).toEqual([{ visitor_id: 'v1', contact_id: 'c1' }]);
    // The contact's channel is its first session's (it has no source of its own): Organic Search.
    const { rows } = await runQuery(store, parseQueryRequest({ metrics: 'leads', by: 'channel', from: '2026-03-01', to: '2026-04-01' }));
    expect(rows).toEqual([{ channel: 'Organic Search', leads: 1 }]);
  });

  it('keeps a plain contact id from events as it is', async () => {
    await importText(store, 'events', 'event_id,timestamp,type,visitor_id,contact_id\ne1,2026-03-02T10:00:00Z,identify,v9,c9');
    expect(await store.query('SELECT visitor_id, contact_id FROM identities')).toEqual([{ visitor_id: 'v9', contact_id: 'c9' }]);
  });
});
