import { AppError, type InputKind, KIND_SPECS, type ParsedRow, STORED_TABLES, type TableName, validateRow } from '@northstar/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseUserAgent } from '../ingest/enrich-event.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { type DemoSummary, generateDemo } from './generate-demo.ts';
import { allUserAgents } from './user-agents.ts';

/** Every input row the demo writes is also checked against the import's own validation. */
const invalidRows: string[] = [];
const checked = { rows: 0 };
vi.mock('../import/to-stored-row.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../import/to-stored-row.ts')>();
  return {
    ...original,
    toStoredRow: (kind: InputKind, row: ParsedRow, options: Parameters<typeof original.toStoredRow>[2]) => {
      const record: Record<string, unknown> = {};
      for (const column of KIND_SPECS[kind].columns) {
        const value = row[column.name];
        record[column.name] = column.type === 'timestamp' && typeof value === 'number' ? new Date(value).toISOString() : value;
      }
      const result = validateRow(kind, record, 1, 'UTC');
      checked.rows++;
      if (!result.ok && invalidRows.length < 5) invalidRows.push(`${kind}: ${JSON.stringify(result.errors)} ${JSON.stringify(row)}`);
      return original.toStoredRow(kind, row, options);
    },
  };
});

const TODAY = new Date('2026-03-18T15:30:00Z');
const SCALE = 0.015;
const TABLES = Object.keys(STORED_TABLES) as TableName[];

let first: DuckDbStore;
let second: DuckDbStore;
let summary: DemoSummary;

async function one<T = number>(store: DuckDbStore, sql: string): Promise<T> {
  const [row] = await store.query(sql);
  return Object.values(row ?? {})[0] as T;
}

/** Row count and a hash of the table's rows in a fixed order. */
async function fingerprint(store: DuckDbStore, table: TableName): Promise<string> {
  const [row] = await store.query(
    `SELECT count(*) AS n, md5(coalesce(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY CAST(t AS VARCHAR)), '')) AS h FROM "${table}" t`,
  );
  return `${row?.n}:${row?.h}`;
}

beforeAll(async () => {
  first = await DuckDbStore.open({ path: ':memory:' });
  second = await DuckDbStore.open({ path: ':memory:' });
  summary = await generateDemo(first, { scale: SCALE, seed: 7, today: TODAY });
  await generateDemo(second, { scale: SCALE, seed: 7, today: TODAY });
});

afterAll(async () => {
  await first.close();
  await second.close();
});

describe('generateDemo', () => {
  it('writes the same rows for the same seed and today', async () => {
    for (const table of TABLES) expect(await fingerprint(second, table), table).toBe(await fingerprint(first, table));
  });

  it('writes different data for another seed', async () => {
    const other = await DuckDbStore.open({ path: ':memory:' });
    try {
      await generateDemo(other, { scale: SCALE, seed: 8, today: TODAY });
      expect(await fingerprint(other, 'events')).not.toBe(await fingerprint(first, 'events'));
    } finally {
      await other.close();
    }
  });

  it('fills every table, and every row passes the import validation', async () => {
    for (const table of TABLES) expect(await first.count(table), table).toBeGreaterThan(0);
    expect(summary.rows.events).toBe(await first.count('events'));
    expect(summary.botsDropped).toBe(0);
    expect(checked.rows).toBeGreaterThan(10_000);
    expect(invalidRows).toEqual([]);
  });

  it('keeps everything inside the 12 months ending today', async () => {
    const today = TODAY.getTime();
    expect(Date.parse(await one<string>(first, 'SELECT max("timestamp") FROM events'))).toBeLessThanOrEqual(today);
    expect(Date.parse(await one<string>(first, 'SELECT min("timestamp") FROM events'))).toBeGreaterThanOrEqual(today - 366 * 86_400_000);
    expect(Date.parse(await one<string>(first, 'SELECT max("timestamp") FROM stages'))).toBeLessThanOrEqual(today);
    expect(Date.parse(await one<string>(first, 'SELECT max(closed_at) FROM deals'))).toBeLessThanOrEqual(today);
    expect(Date.parse(await one<string>(first, 'SELECT max("timestamp") FROM orders'))).toBeLessThanOrEqual(today);
  });

  it('gives every event an id, a visitor and a session that exists', async () => {
    expect(await one(first, 'SELECT count(*) - count(DISTINCT event_id) FROM events')).toBe(0);
    expect(await one(first, 'SELECT count(*) FROM events WHERE visitor_id IS NULL OR session_id IS NULL OR session_derived')).toBe(0);
    expect(await one(first, 'SELECT count(*) FROM events e ANTI JOIN sessions s USING (session_id)')).toBe(0);
    expect(await one(first, 'SELECT count(*) FROM sessions WHERE landing_page IS NULL OR channel IS NULL')).toBe(0);
  });

  it('converts sessions into leads at a believable rate', async () => {
    const sessions = await one(first, 'SELECT count(*) FROM sessions');
    const leads = await one(
      first,
      `SELECT count(*) FROM contacts WHERE program = 'digital' AND created_at >= (SELECT min(started_at) FROM sessions)`,
    );
    expect(leads / sessions).toBeGreaterThan(0.005);
    expect(leads / sessions).toBeLessThan(0.06);
    // Each web lead is identified on the website exactly once.
    expect(await one(first, `SELECT count(*) FROM events WHERE type = 'identify'`)).toBe(leads);
  });

  it('has a believable bounce rate, channel mix and device mix', async () => {
    const bounce = await one(first, 'SELECT avg(CAST(bounced AS INTEGER)) FROM sessions');
    expect(bounce).toBeGreaterThan(0.25);
    expect(bounce).toBeLessThan(0.7);
    const channels = await first.query('SELECT channel, count(*) AS n FROM sessions GROUP BY 1 ORDER BY 2 DESC');
    expect(channels[0]?.channel).toBe('Organic Search');
    const by = Object.fromEntries(channels.map((r) => [String(r.channel), Number(r.n)]));
    expect(by['Organic Search']).toBeGreaterThan(by.Display ?? 0);
    expect(by.Display).toBeGreaterThan(0);
    const mobile = await one(first, `SELECT avg(CAST(device = 'mobile' AS INTEGER)) FROM sessions`);
    expect(mobile).toBeGreaterThan(0.3);
    expect(mobile).toBeLessThan(0.5);
  });

  it('moves contacts through the lifecycle in order', async () => {
    const backwards = await one(
      first,
      `WITH ranked AS (
         SELECT contact_id, "timestamp",
           list_position(['lead', 'mql', 'sql', 'sal', 'opportunity', 'customer'], stage) AS step
         FROM stages WHERE stage NOT IN ('lost', 'churned'))
       SELECT count(*) FROM ranked a JOIN ranked b USING (contact_id)
       WHERE a.step < b.step AND a."timestamp" > b."timestamp"`,
    );
    expect(backwards).toBe(0);
    const churnBeforePurchase = await one(
      first,
      `SELECT count(*) FROM stages c JOIN stages x USING (contact_id)
       WHERE x.stage = 'churned' AND c.stage = 'customer' AND x."timestamp" <= c."timestamp"`,
    );
    expect(churnBeforePurchase).toBe(0);
    expect(await one(first, `SELECT count(*) FROM stages WHERE stage = 'lost'`)).toBeGreaterThan(0);
    expect(await one(first, `SELECT count(*) FROM stages WHERE stage = 'churned'`)).toBeGreaterThan(0);
  });

  it('writes deals and orders with positive amounts in the reporting currency', async () => {
    expect(await one(first, 'SELECT count(*) FROM deals WHERE NOT (amount > 0)')).toBe(0);
    expect(await one(first, 'SELECT count(*) FROM orders WHERE NOT (amount > 0)')).toBe(0);
    expect(await one(first, `SELECT count(*) FROM deals WHERE status <> 'open' AND (closed_at IS NULL OR closed_at < created_at)`)).toBe(0);
    expect(await one(first, `SELECT count(DISTINCT currency) FROM orders`)).toBeGreaterThan(1);
    // Converted amounts: a PLN order is worth about a quarter of its PLN amount in USD.
    const ratio = await one(first, `SELECT avg(amount / amount_original) FROM orders WHERE currency = 'PLN'`);
    expect(ratio).toBeGreaterThan(0.2);
    expect(ratio).toBeLessThan(0.32);
  });

  it('keeps actual spend within ±20 % of the budget in full months', async () => {
    const rows = await first.query(
      `SELECT b.amount AS plan, sum(s.amount) AS actual
       FROM budget b JOIN spend s ON date_trunc('month', s."date") = b.month AND s.channel = b.channel AND s.department = b.department
       WHERE b.month < date_trunc('month', DATE '2026-03-18') GROUP BY b.month, b.channel, b.department, b.amount`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(Number(row.actual) / Number(row.plan)).toBeGreaterThan(0.8);
      expect(Number(row.actual) / Number(row.plan)).toBeLessThan(1.2);
    }
  });

  it('runs the trial page A/B test with both variants', async () => {
    const variants = await first.query(`SELECT DISTINCT experiment, variant FROM events WHERE experiment IS NOT NULL ORDER BY variant`);
    expect(variants).toEqual([
      { experiment: 'lp-trial-hero', variant: 'b' },
      { experiment: 'lp-trial-hero', variant: 'control' },
    ]);
  });

  it('sends real browser user agents of every device class', () => {
    const devices = new Set<string>();
    for (const userAgent of allUserAgents()) {
      const parsed = parseUserAgent(userAgent);
      expect(parsed.bot, userAgent).toBeNull();
      expect(parsed.browser, userAgent).not.toBeNull();
      devices.add(parsed.device);
    }
    expect([...devices].sort()).toEqual(['desktop', 'mobile', 'tablet']);
  });

  it('refuses a store that already holds data', async () => {
    const error = await generateDemo(first, { scale: SCALE, seed: 7, today: TODAY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('NS_ERR_CONFLICT');
    expect((error as AppError).message).toMatch(/empty data directory.*events/);
  });

  it('refuses a store with only CRM data', async () => {
    const store = await DuckDbStore.open({ path: ':memory:' });
    try {
      await store.insertRows('contacts', [{ contact_id: 'c-1', created_at: TODAY.getTime() }]);
      await expect(generateDemo(store, { scale: SCALE, today: TODAY })).rejects.toThrow(/already holds contacts/);
      expect(await store.count('events')).toBe(0);
    } finally {
      await store.close();
    }
  });
});
