/**
 * Erasure of a person: every row of a contact or a visitor, in every table that names one. A
 * contact's visitors (the browsers their events were tied to) are erased with them, since their
 * anonymous visits before signing up are theirs too. Values are bound, never spliced.
 */
import { STORED_TABLES } from '@northstar/core';
import type { Store } from '../store/store.ts';

export type EraseSubject = { contactId: string } | { visitorId: string };

export interface EraseResult {
  contactId: string | null;
  visitorIds: string[];
  /** Rows deleted per table. */
  deleted: Record<string, number>;
}

const TABLES = Object.values(STORED_TABLES);
const hasColumn = (table: (typeof TABLES)[number], column: string) => table.columns.some(([name]) => name === column);
const CONTACT_TABLES = TABLES.filter((t) => hasColumn(t, 'contact_id')).map((t) => t.name);
const VISITOR_TABLES = TABLES.filter((t) => hasColumn(t, 'visitor_id')).map((t) => t.name);

async function countWhere(store: Store, table: string, where: string, value: string): Promise<number> {
  const [row] = await store.query(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`, [value]);
  return Number(row?.n ?? 0);
}

async function deleteWhere(store: Store, table: string, where: string, value: string, deleted: Record<string, number>): Promise<void> {
  const n = await countWhere(store, table, where, value);
  if (n === 0) return;
  await store.deleteWhere(table, where, [value]);
  deleted[table] = (deleted[table] ?? 0) + n;
}

/** The visitors a contact was identified on. */
async function visitorsOf(store: Store, contactId: string): Promise<string[]> {
  const selects = VISITOR_TABLES.filter((t) => CONTACT_TABLES.includes(t)).map(
    (t) => `SELECT visitor_id FROM "${t}" WHERE contact_id = $1 AND visitor_id IS NOT NULL`,
  );
  if (selects.length === 0) return [];
  // UNION ALL under DISTINCT: ClickHouse 18.16 has no plain UNION.
  const rows = await store.query(`SELECT DISTINCT visitor_id FROM (${selects.join(' UNION ALL ')}) ORDER BY 1`, [contactId]);
  return rows.map((r) => String(r.visitor_id));
}

export async function eraseSubject(store: Store, subject: EraseSubject): Promise<EraseResult> {
  const contactId = 'contactId' in subject ? subject.contactId : null;
  const visitorIds = contactId !== null ? await visitorsOf(store, contactId) : [(subject as { visitorId: string }).visitorId];
  const deleted: Record<string, number> = {};

  // The live-ingest dedup log names events by id: it goes first, while the events still say whose they are.
  const eventIds = `event_id IN (SELECT event_id FROM events WHERE %)`;
  if (contactId !== null) await deleteWhere(store, 'ingest_event_ids', eventIds.replace('%', 'contact_id = $1'), contactId, deleted);
  for (const visitor of visitorIds) {
    await deleteWhere(store, 'ingest_event_ids', eventIds.replace('%', 'visitor_id = $1'), visitor, deleted);
  }
  if (contactId !== null) {
    for (const table of CONTACT_TABLES) await deleteWhere(store, table, 'contact_id = $1', contactId, deleted);
  }
  for (const visitor of visitorIds) {
    for (const table of VISITOR_TABLES) await deleteWhere(store, table, 'visitor_id = $1', visitor, deleted);
  }
  return { contactId, visitorIds, deleted };
}
