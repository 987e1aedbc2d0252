import { formatRowError, type InputKind } from '@northstar/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { Store } from '../store/store.ts';
import { importText } from './test-helpers.ts';

let store: Store;
beforeEach(async () => {
  store = await DuckDbStore.open({ path: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

/** Two valid rows of every kind, as CSV; the JSON variant is derived from it. */
const VALID: Record<InputKind, string> = {
  events: `event_id,timestamp,type,visitor_id,url,referrer,user_agent
e1,2026-03-01T10:00:00Z,pageview,v1,https://acme.test/pricing?utm_source=google&utm_medium=cpc&utm_campaign=spring,,Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36
e2,2026-03-01T10:05:00Z,pageview,v1,https://acme.test/contact,https://acme.test/pricing,Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36`,
  contacts: `contact_id,created_at,email,source,medium,owner
c1,2026-03-01T10:06:00Z,a@acme.test,google,cpc,Anna
c2,2026-03-02,b@acme.test,,,Oleg`,
  stages: `contact_id,stage,timestamp
c1,mql,2026-03-03T09:00:00Z
c1,SQL,2026-03-05T09:00:00Z`,
  deals: `deal_id,contact_id,created_at,closed_at,status,amount,owner
d1,c1,2026-03-05,2026-03-20,won,1200,Anna
d2,c2,2026-03-06,,open,300,Oleg`,
  orders: `order_id,contact_id,timestamp,amount,product
o1,c1,2026-03-21T12:00:00Z,99.5,Pro
o2,c1,2026-04-21T12:00:00Z,99.5,Pro`,
  spend: `date,amount,channel,campaign,category,department,program,vendor
2026-03-01,250,Paid Search,spring,advertising,marketing,digital,Google Ads
2026-03-01,4000,,,people,sales,outbound,`,
  budget: `month,amount,channel,department
2026-03,5000,Paid Search,marketing
2026-04,5500,Paid Search,marketing`,
  social: `date,network,followers,impressions,likes,shares,comments,messages,mentions
2026-03-01,linkedin,1000,5000,40,5,3,1,2
2026-03-02,linkedin,1010,5200,42,6,2,0,1`,
  nps: `response_id,timestamp,score,contact_id,comment
r1,2026-03-10T08:00:00Z,10,c1,Great
r2,2026-03-11T08:00:00Z,6,c2,Slow support`,
  marketing_events: `marketing_event_id,name,date,registrations,attendees,channel
w1,Webinar: KPIs,2026-03-12,120,54,webinar
w2,Conference,2026-04-02,300,210,conference`,
  keywords: `date,keyword,position,url,clicks,impressions
2026-03-01,marketing kpi,4.5,https://acme.test/blog/kpi,30,900
2026-03-08,marketing kpi,3.2,https://acme.test/blog/kpi,41,950`,
  fx_rates: `date,currency,rate
2026-03-01,EUR,1.08
2026-03-02,EUR,1.09`,
};

function csvToJson(csv: string): string {
  const [header, ...lines] = csv.split('\n');
  const names = (header ?? '').split(',');
  return JSON.stringify(
    lines.map((line) => {
      const cells = line.split(',');
      return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
    }),
  );
}

describe('importing every kind', () => {
  it.each(Object.keys(VALID) as InputKind[])('%s from CSV and from JSON stores both rows', async (kind) => {
    const csv = await importText(store, kind, VALID[kind], 'csv');
    expect(csv.errors.map(formatRowError)).toEqual([]);
    expect(csv).toMatchObject({ rowsRead: 2, rowsValid: 2, rowsRejected: 0, inserted: 2, committed: true });
    await store.query(`DELETE FROM "${kind}"`);
    const json = await importText(store, kind, csvToJson(VALID[kind]), 'json');
    expect(json.errors.map(formatRowError)).toEqual([]);
    expect(json).toMatchObject({ rowsRead: 2, rowsValid: 2, inserted: 2 });
    expect(await store.count(kind)).toBe(2);
  });

  it('reads NDJSON one object per line', async () => {
    const report = await importText(
      store,
      'stages',
      '{"contact_id":"c1","stage":"lead","timestamp":"2026-01-01"}\n\n{"contact_id":"c2","stage":"mql","timestamp":"2026-01-02"}\n',
      'ndjson',
    );
    expect(report).toMatchObject({ rowsValid: 2, inserted: 2 });
  });

  it('stores timestamps without an offset in the workspace timezone', async () => {
    await store.updateSettings({ timezone: 'Europe/Warsaw' });
    await importText(store, 'stages', 'contact_id,stage,timestamp\nc1,lead,2026-01-15 10:00');
    const [row] = await store.query('SELECT CAST("timestamp" AS VARCHAR) AS t FROM stages');
    expect(row?.t).toBe('2026-01-15 09:00:00');
  });
});

describe('bad rows are reported with row, column and reason', () => {
  it.each([
    ['wrong type', 'spend', 'date,amount\n2026-03-01,abc', 'row 1, column amount: is not a number: "abc"'],
    ['missing id', 'contacts', 'contact_id,created_at\n,2026-03-01', 'row 1, column contact_id: is required'],
    [
      'unknown stage',
      'stages',
      'contact_id,stage,timestamp\nc1,prospect,2026-03-01',
      'row 1, column stage: unknown stage "prospect"; expected one of lead, mql, sql, sal, opportunity, customer, lost, churned',
    ],
    ['bad date', 'social', 'date,network\n2026-02-30,vk', 'row 1, column date: is not a date (YYYY-MM-DD): "2026-02-30"'],
    [
      'bad timestamp',
      'nps',
      'response_id,timestamp,score\nr1,yesterday,9',
      'row 1, column timestamp: is not an ISO 8601 timestamp: "yesterday"',
    ],
    ['score out of range', 'nps', 'response_id,timestamp,score\nr1,2026-03-01,11', 'row 1, column score: must be at most 10, got 11'],
    [
      'unknown currency',
      'orders',
      'order_id,timestamp,amount,currency\no1,2026-03-01,10,XYZ',
      'row 1, column currency: unknown currency "XYZ"; expected an ISO 4217 code such as USD',
    ],
    [
      'missing exchange rate',
      'orders',
      'order_id,timestamp,amount,currency\no1,2026-03-01,10,EUR',
      'row 1, column currency: no exchange rate for EUR on 2026-03-01 (import fx_rates with EUR to USD rates on or up to 7 days before that day)',
    ],
    [
      'won deal without close',
      'deals',
      'deal_id,created_at,status,amount\nd1,2026-03-01,won,5',
      'row 1, column closed_at: is required when status is won',
    ],
    [
      'fraction where whole number',
      'social',
      'date,network,followers\n2026-03-01,vk,10.5',
      'row 1, column followers: must be a whole number: "10.5"',
    ],
  ] as const)('%s', async (_name, kind, text, message) => {
    const report = await importText(store, kind, text);
    expect(report.rowsRejected).toBe(1);
    expect(report.errors.map(formatRowError)).toContain(message);
    expect(await store.count(kind)).toBe(0);
  });

  it('warns about unknown columns and still imports the known ones', async () => {
    const report = await importText(store, 'stages', 'contact_id,stage,timestamp,colour\nc1,lead,2026-03-01,red');
    expect(report.warnings).toEqual(['unknown columns ignored: colour']);
    expect(report.inserted).toBe(1);
  });

  it('rejects an empty file with a clear error', async () => {
    await expect(importText(store, 'contacts', '')).rejects.toThrow('the file is empty: expected a header row or JSON records');
    await expect(importText(store, 'contacts', '  \n')).rejects.toMatchObject({ code: 'NS_ERR_EMPTY_FILE' });
  });

  it('says so when a file has a header and no rows', async () => {
    const report = await importText(store, 'contacts', 'contact_id,created_at\n');
    expect(report.warnings).toEqual(['the file has a header but no rows']);
  });

  it('reports JSON records that are not objects', async () => {
    const report = await importText(store, 'stages', '[{"contact_id":"c1","stage":"lead","timestamp":"2026-03-01"}, 5, null]', 'json');
    expect(report.errors.map(formatRowError)).toEqual(['row 2, column : is not an object', 'row 3, column : is not an object']);
    expect(report.inserted).toBe(1);
  });
});

describe('file formats', () => {
  it('strips a UTF-8 byte order mark from the header', async () => {
    const report = await importText(store, 'stages', '\uFEFFcontact_id,stage,timestamp\nc1,lead,2026-03-01');
    expect(report.errors).toEqual([]);
    expect(report.inserted).toBe(1);
  });

  it('keeps newlines inside quoted cells and counts rows by record', async () => {
    const text = 'response_id,timestamp,score,comment\nr1,2026-03-01,9,"Fast\nand friendly"\nr2,2026-03-02,x,bad';
    const report = await importText(store, 'nps', text);
    expect(report.errors.map(formatRowError)).toEqual(['row 2, column score: is not a number: "x"']);
    const [row] = await store.query('SELECT comment FROM nps');
    expect(row?.comment).toBe('Fast\nand friendly');
  });

  it('reads semicolon-separated files with decimal commas', async () => {
    const report = await importText(store, 'spend', 'date;amount;channel;vendor\n2026-03-01;1 234,50;Paid Social;Meta, Inc.');
    expect(report.errors).toEqual([]);
    const [row] = await store.query('SELECT amount, vendor FROM spend');
    expect(row).toEqual({ amount: 1234.5, vendor: 'Meta, Inc.' });
  });

  it('normalises header case and spaces', async () => {
    const report = await importText(store, 'stages', 'Contact ID,Stage,Timestamp\nc1,Lead,2026-03-01');
    expect(report.inserted).toBe(1);
  });
});

describe('idempotence and partial failure', () => {
  it('re-importing the same file changes nothing', async () => {
    for (const kind of Object.keys(VALID) as InputKind[]) {
      await importText(store, kind, VALID[kind]);
    }
    const snapshot = async () => {
      const out: Record<string, unknown> = {};
      for (const kind of Object.keys(VALID)) out[kind] = await store.query(`SELECT * FROM "${kind}" ORDER BY ALL`);
      out.sessions = await store.query('SELECT * FROM sessions ORDER BY ALL');
      return out;
    };
    const before = await snapshot();
    for (const kind of Object.keys(VALID) as InputKind[]) {
      const again = await importText(store, kind, VALID[kind]);
      expect(again, kind).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a changed row with the same key replaces the stored one', async () => {
    await importText(store, 'deals', VALID.deals);
    const report = await importText(store, 'deals', 'deal_id,created_at,status,amount\nd2,2026-03-06,open,450');
    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const rows = await store.query("SELECT amount FROM deals WHERE deal_id = 'd2'");
    expect(rows).toEqual([{ amount: 450 }]);
  });

  it('the last of two rows with one key in a file wins', async () => {
    await importText(store, 'budget', 'month,amount,channel\n2026-03,100,Email\n2026-03,150,Email');
    expect(await store.query('SELECT amount FROM budget')).toEqual([{ amount: 150 }]);
  });

  it('stores the valid rows of a file with invalid ones', async () => {
    const text = 'contact_id,stage,timestamp\nc1,lead,2026-03-01\nc2,nope,2026-03-01\nc3,mql,2026-03-02\n,lead,2026-03-03';
    const report = await importText(store, 'stages', text);
    expect(report).toMatchObject({ rowsRead: 4, rowsValid: 2, rowsRejected: 2, inserted: 2, committed: true });
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'stage'],
      [4, 'contact_id'],
    ]);
  });

  it('--strict stores nothing when a row is invalid', async () => {
    const text = 'contact_id,stage,timestamp\nc1,lead,2026-03-01\nc2,nope,2026-03-01';
    const report = await importText(store, 'stages', text, 'csv', { strict: true });
    expect(report).toMatchObject({ rowsValid: 1, rowsRejected: 1, committed: false });
    expect(await store.count('stages')).toBe(0);
  });
});

describe('currency conversion', () => {
  it('converts amounts with the rate of the day or the latest earlier one', async () => {
    await importText(store, 'fx_rates', 'date,currency,rate\n2026-03-01,EUR,1.1\n2026-03-05,EUR,1.2');
    await importText(
      store,
      'orders',
      'order_id,timestamp,amount,currency\no1,2026-03-03T12:00:00Z,100,EUR\no2,2026-03-05,100,eur\no3,2026-03-05,100,',
    );
    const rows = await store.query('SELECT order_id, amount, amount_original FROM orders ORDER BY order_id');
    expect(rows).toEqual([
      { order_id: 'o1', amount: 110.00000000000001, amount_original: 100 },
      { order_id: 'o2', amount: 120, amount_original: 100 },
      { order_id: 'o3', amount: 100, amount_original: 100 },
    ]);
  });
});
