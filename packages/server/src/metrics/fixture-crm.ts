/**
 * A small CRM in Q1 2026 (UTC). Reach times (earliest at the stage or a later one):
 *   a  lead 01-10 · mql 01-15 · sql 02-01 · sal/opportunity/customer 02-20   original: first session → Paid Social (instagram); owner ann, digital
 *   b  lead 01-20 · mql/sql 02-05 (skipped mql) · lost 03-01                 original: first session → Organic Social (facebook); owner bob
 *   c  lead 2025-12-15 · mql 01-05 · sql/sal/opportunity 03-10 · customer 03-25   Referral; owner ann, outbound
 *   d  customer 2025-12-01 · churned 02-10                                   Direct; owner bob
 *   e  lead 03-05                                                            Paid Search; owner ann
 *   f  customer 2025-10-01 (never churns)                                    Direct; owner ann
 *   g  lead 2025-11-01 · mql 2025-11-15, then nothing: inactive from 2026-02-13   Direct
 * Sessions of a (visitor va): 01-09 Paid Social, 02-01 Paid Search (campaign brand), 02-19 Direct
 * (only this one carries contact_id a). Session of b: 01-19 Organic Social.
 * Sales: D1 a won 02-20 1000 (ann, pro) · D2 b lost 03-01 500 · D3 c won 03-25 3000 (owner carl) ·
 *        O1 f 01-15 200 · O2 f 03-15 300 · O3 no contact 02-05 100.
 * Spend: 01-10 mkt Paid Search advertising 600 · 02-10 mkt Organic Social content 300 ·
 *        03-10 sales people outbound 900 · 03-11 mkt Paid Search advertising 200.
 */
import type { StoredRow } from '@northstar/core';
import type { Store } from '../store/store.ts';
import { load, loadSessions, type SessionSpec, utc } from './test-fixtures.ts';

const contact = (id: string, created: string, extra: StoredRow = {}): StoredRow => ({
  contact_id: id,
  created_at: utc(`${created} 12:00`),
  ...extra,
});
const stage = (id: string, name: string, day: string): StoredRow => ({ contact_id: id, stage: name, timestamp: utc(`${day} 12:00`) });

export const CRM_SESSIONS: SessionSpec[] = [
  { id: 'sa0', visitor: 'va', at: '2026-01-09 10:00', channel: 'Paid Social', source: 'instagram', events: [[0, 'pageview', '/']] },
  {
    id: 'sa1',
    visitor: 'va',
    at: '2026-02-01 10:00',
    channel: 'Paid Search',
    source: 'google',
    campaign: 'brand',
    events: [[0, 'pageview', '/']],
  },
  { id: 'sa2', visitor: 'va', at: '2026-02-19 10:00', channel: 'Direct', contact: 'a', events: [[0, 'pageview', '/']] },
  {
    id: 'sb',
    visitor: 'vb',
    at: '2026-01-19 10:00',
    channel: 'Organic Social',
    source: 'facebook',
    contact: 'b',
    events: [[0, 'pageview', '/']],
  },
];

export async function loadCrm(store: Store): Promise<void> {
  await loadSessions(store, CRM_SESSIONS);
  await load(store, 'contacts', [
    contact('a', '2026-01-10', { owner: 'ann', program: 'digital' }),
    contact('b', '2026-01-20', { owner: 'bob' }),
    contact('c', '2025-12-15', { owner: 'ann', program: 'outbound', channel: 'Referral', source: 'partner.com', medium: 'referral' }),
    contact('d', '2025-11-01', { owner: 'bob', channel: 'Direct' }),
    contact('e', '2026-03-05', { owner: 'ann', channel: 'Paid Search', source: 'google', medium: 'cpc' }),
    contact('f', '2025-09-01', { owner: 'ann', channel: 'Direct' }),
    contact('g', '2025-11-01', { channel: 'Direct' }),
  ]);
  await load(store, 'stages', [
    stage('a', 'mql', '2026-01-15'),
    stage('a', 'sql', '2026-02-01'),
    stage('a', 'customer', '2026-02-20'),
    stage('b', 'sql', '2026-02-05'),
    stage('b', 'lost', '2026-03-01'),
    stage('c', 'mql', '2026-01-05'),
    stage('c', 'opportunity', '2026-03-10'),
    stage('c', 'customer', '2026-03-25'),
    stage('d', 'customer', '2025-12-01'),
    stage('d', 'churned', '2026-02-10'),
    stage('f', 'customer', '2025-10-01'),
    stage('g', 'mql', '2025-11-15'),
  ]);
  const deal = (id: string, who: string, closed: string, status: string, amount: number, extra: StoredRow = {}): StoredRow => ({
    deal_id: id,
    contact_id: who,
    created_at: utc('2026-01-02 00:00'),
    closed_at: utc(`${closed} 12:00`),
    status,
    amount,
    ...extra,
  });
  await load(store, 'deals', [
    deal('D1', 'a', '2026-02-20', 'won', 1000, { owner: 'ann', product: 'pro' }),
    deal('D2', 'b', '2026-03-01', 'lost', 500, { owner: 'bob' }),
    deal('D3', 'c', '2026-03-25', 'won', 3000, { owner: 'carl', product: 'enterprise' }),
  ]);
  const order = (id: string, who: string | null, day: string, amount: number): StoredRow => ({
    order_id: id,
    contact_id: who,
    timestamp: utc(`${day} 12:00`),
    amount,
    product: 'addon',
  });
  await load(store, 'orders', [
    order('O1', 'f', '2026-01-15', 200),
    order('O2', 'f', '2026-03-15', 300),
    order('O3', null, '2026-02-05', 100),
  ]);
  const spend = (date: string, amount: number, extra: StoredRow): StoredRow => ({
    date,
    amount,
    channel: '',
    campaign: '',
    category: 'other',
    department: 'marketing',
    program: 'digital',
    vendor: '',
    ...extra,
  });
  await load(store, 'spend', [
    spend('2026-01-10', 600, { channel: 'Paid Search', category: 'advertising', vendor: 'agency1' }),
    spend('2026-02-10', 300, { channel: 'Organic Social', category: 'content' }),
    spend('2026-03-10', 900, { department: 'sales', category: 'people', program: 'outbound' }),
    spend('2026-03-11', 200, { channel: 'Paid Search', category: 'advertising' }),
  ]);
}
