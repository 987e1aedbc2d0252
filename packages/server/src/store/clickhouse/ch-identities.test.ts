import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importText } from '../../import/test-helpers.ts';
import { openEngineStore, testEngine } from '../../test-harness/engine-stores.ts';
import type { Store } from '../store.ts';

let store: Store;
const onClickHouse = testEngine() !== 'duckdb';
const hashed = (email: string) => `sha256:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
const identities = () => store.query('SELECT visitor_id, contact_id FROM identities ORDER BY visitor_id, contact_id');

describe.skipIf(!onClickHouse)('identities on ClickHouse', () => {
  beforeEach(async () => {
    store = await openEngineStore();
  });
  afterEach(async () => {
    await store.close();
  });

  it("links a visitor to a contact through the hash of the contact's email, in either import order", async () => {
    await importText(
      store,
      'events',
      `event_id,timestamp,type,visitor_id,contact_id,url
e1,2026-03-02T10:00:00Z,pageview,v1,,https://acme.test/pricing
e2,2026-03-02T10:03:00Z,identify,v1,${hashed(' Anna@Acme.test ')},https://acme.test/contact
e3,2026-03-02T11:00:00Z,identify,v2,c9,https://acme.test/contact`,
    );
    await importText(store, 'contacts', 'contact_id,created_at,email\nc1,2026-03-02T10:04:00Z,anna@acme.test');
    expect(await identities()).toEqual([
      { visitor_id: 'v1', contact_id: 'c1' },
      { visitor_id: 'v2', contact_id: 'c9' },
    ]);
  });

  it('links live events as they arrive', async () => {
    const at = Date.parse('2026-03-02T10:00:00Z');
    await store.appendLiveEvents(
      [
        { event_id: 'l1', timestamp: at, type: 'pageview', visitor_id: 'v7', session_derived: true },
        { event_id: 'l2', timestamp: at + 1000, type: 'identify', visitor_id: 'v7', contact_id: 'c7', session_derived: true },
      ],
      at + 2000,
    );
    expect(await identities()).toEqual([{ visitor_id: 'v7', contact_id: 'c7' }]);
  });
});
