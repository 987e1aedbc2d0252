/**
 * The analytics store on ClickHouse (single server, or shards behind Distributed tables).
 * Compiled metric SQL runs unchanged apart from the dialect: tables are read through FINAL views
 * named as in DuckDB. Keyed rows are deduplicated by ReplacingMergeTree(_version); imports compare
 * staged rows with stored ones to report what changed. Metadata is not kept here: the caller
 * passes a MetadataStore (PostgreSQL at scale).
 */
import { type ClickHouseClient, createClient } from '@clickhouse/client';
import {
  AppError,
  ATTRIBUTION_MODELS,
  type AttributionModel,
  isAttributionModel,
  isKnownCurrency,
  isValidTimezone,
  STORED_TABLES,
  type StoredRow,
  type TableName,
} from '@northstar/core';
import type { MetadataStore } from '../../meta/metadata-store.ts';
import type { ImportBatch, LiveSessionState, SqlParams, Store, WorkspaceSettings } from '../store.ts';
import { identitiesSelectSql } from './ch-identities.ts';
import { mergeImport } from './ch-import.ts';
import { type ClusterLayout, dataTable, LOCAL_DDL, queryDdl, shardDdl, TABLE_NAMES, writeTable } from './ch-schema.ts';
import { assignSessions, sessionBucketWhere, sessionsSelectSql, TOUCHED_EVENTS_SQL, type TouchedEvent } from './ch-sessions.ts';
import { formatDateTime, inlineParams, toChRow, toPlainRows } from './ch-values.ts';

export interface ClickHouseStoreOptions {
  /** HTTP URLs of the servers; the first answers queries. In cluster mode, every shard's server. */
  urls: readonly string[];
  /** remote_servers cluster name: tables are sharded behind Distributed tables. */
  cluster?: string;
  database?: string;
  username?: string;
  password?: string;
  metadata: MetadataStore;
  /** Closed with the store (e.g. the PostgreSQL pool). */
  closeMetadata?: () => Promise<void>;
}

/** Rows per INSERT: thousands per request keeps ClickHouse's part count low. */
const INSERT_BATCH = 50_000;
const ID_CHUNK = 10_000;
/**
 * Events aggregated per query by the session rebuild: at 10M events a single GROUP BY went past a
 * 4 GB per-query memory limit on 18.16, so sessions are rebuilt in buckets of about this many events.
 */
const EVENTS_PER_SESSION_BUCKET = 2_000_000;

const SETTINGS = {
  // 18.16 needs a strictness for plain JOIN; NULLs (not defaults) for unmatched LEFT JOIN rows, as in SQL.
  join_default_strictness: 'ALL',
  join_use_nulls: 1,
  // A Distributed insert returns once the rows are on their shards, so they are visible to the next query.
  insert_distributed_sync: 1,
} as const;

export class ClickHouseStore implements Store {
  readonly engine = 'clickhouse' as const;
  private version = Date.now() * 1000;

  private constructor(
    private readonly clients: ClickHouseClient[],
    private readonly layout: ClusterLayout,
    readonly metadata: MetadataStore,
    private readonly closeMetadata: () => Promise<void>,
  ) {}

  static async open(options: ClickHouseStoreOptions): Promise<ClickHouseStore> {
    if (options.urls.length === 0) throw new AppError('validation', 'no ClickHouse URL given');
    const database = options.database ?? 'default';
    const clients = options.urls.map((url) =>
      createClient({
        url,
        database,
        ...(options.username ? { username: options.username } : {}),
        ...(options.password ? { password: options.password } : {}),
        clickhouse_settings: { ...SETTINGS },
        request_timeout: 600_000,
      }),
    );
    const layout: ClusterLayout = { database, ...(options.cluster ? { cluster: options.cluster } : {}) };
    const store = new ClickHouseStore(clients, layout, options.metadata, options.closeMetadata ?? (async () => {}));
    await store.migrate();
    return store;
  }

  private get main(): ClickHouseClient {
    return this.clients[0] as ClickHouseClient;
  }

  /** Shard servers: every server in cluster mode, else the one. */
  private get shards(): ClickHouseClient[] {
    return this.layout.cluster ? this.clients : [this.main];
  }

  /** A version above every earlier one, for rows that must replace stored ones. */
  private nextVersion(): number {
    this.version = Math.max(this.version + 1, Date.now() * 1000);
    return this.version;
  }

  private async migrate(): Promise<void> {
    for (const client of this.shards)
      for (const name of TABLE_NAMES) for (const sql of shardDdl(name)) await client.command({ query: sql });
    const queryServers = this.layout.cluster ? this.clients : [this.main];
    for (const client of queryServers)
      for (const name of TABLE_NAMES) for (const sql of queryDdl(name, this.layout)) await client.command({ query: sql });
    for (const sql of LOCAL_DDL) await this.main.command({ query: sql });
    const [row] = await this.query('SELECT count() AS n FROM workspace');
    if (Number(row?.n ?? 0) === 0) {
      await this.main.insert({
        table: 'workspace',
        values: [{ name: 'Northstar', timezone: 'UTC', currency: 'USD', attribution_model: 'last_non_direct', _version: 0 }],
        format: 'JSONEachRow',
      });
    }
  }

  async getSettings(): Promise<WorkspaceSettings> {
    // One row after FINAL (the table's key is empty). No LIMIT: on 18.16, FINAL with LIMIT took
    // 150–170 ms on this one-row table against 20 ms without, and every query reads the settings.
    const [row] = await this.query('SELECT name, timezone, currency, attribution_model FROM workspace FINAL');
    return {
      name: String(row?.name),
      timezone: String(row?.timezone),
      currency: String(row?.currency),
      attributionModel: String(row?.attribution_model ?? 'last_non_direct') as AttributionModel,
    };
  }

  async updateSettings(patch: Partial<WorkspaceSettings>): Promise<WorkspaceSettings> {
    if (patch.timezone !== undefined && !isValidTimezone(patch.timezone)) {
      throw new AppError('badTimezone', `unknown timezone '${patch.timezone}'`);
    }
    if (patch.currency !== undefined && !isKnownCurrency(patch.currency)) {
      throw new AppError('validation', `unknown currency '${patch.currency}'`);
    }
    if (patch.attributionModel !== undefined && !isAttributionModel(patch.attributionModel)) {
      throw new AppError(
        'validation',
        `unknown attribution model '${patch.attributionModel}': expected one of ${ATTRIBUTION_MODELS.join(', ')}`,
      );
    }
    const next = { ...(await this.getSettings()), ...patch };
    await this.main.insert({
      table: 'workspace',
      values: [
        {
          name: next.name,
          timezone: next.timezone,
          currency: next.currency,
          attribution_model: next.attributionModel,
          _version: this.nextVersion(),
        },
      ],
      format: 'JSONEachRow',
    });
    return next;
  }

  /** Batched inserts through the Distributed table (cluster) or into the local table. */
  async insertRows(table: TableName, rows: readonly StoredRow[], version = 0): Promise<void> {
    const spec = STORED_TABLES[table];
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      const values = rows.slice(start, start + INSERT_BATCH).map((row) => toChRow(spec, row, version));
      await this.main.insert({ table: writeTable(table, this.layout), values, format: 'JSONEachRow' });
    }
  }

  async beginImport(table: TableName): Promise<ImportBatch> {
    // Staged in memory until commit: nothing is visible before, and an aborted import leaves nothing.
    let staged: StoredRow[] = [];
    return {
      append: async (rows) => {
        staged = staged.concat(rows);
      },
      commit: async () => {
        const rows = staged;
        staged = [];
        return mergeImport(
          table,
          rows,
          (sql) => this.rawRows(sql),
          (changed) => this.insertRows(table, changed, this.nextVersion()),
        );
      },
      abort: async () => {
        staged = [];
      },
    };
  }

  async refreshSessions(): Promise<void> {
    await this.sessionize();
    await this.rebuildSessions(await this.sessionBuckets());
    await this.refreshIdentities();
  }

  /**
   * Buckets for the session rebuild: one per EVENTS_PER_SESSION_BUCKET stored events. Counted on
   * the data tables without FINAL: row versions not merged yet only make the estimate larger.
   */
  private async sessionBuckets(): Promise<number> {
    const [row] = await this.query(`SELECT count() AS n FROM ${writeTable('events', this.layout)}`);
    return Math.max(1, Math.ceil(Number(row?.n ?? 0) / EVENTS_PER_SESSION_BUCKET));
  }

  /**
   * Rewrites every session row from the events, one bucket of session ids at a time so that a
   * query aggregates about 1/buckets of the events. A session's rows come from one bucket only, so
   * the result does not depend on the bucket count. Public for tests, which force several buckets.
   */
  async rebuildSessions(buckets: number): Promise<void> {
    if (!Number.isInteger(buckets) || buckets < 1) throw new AppError('validation', `invalid session bucket count ${buckets}`);
    for (const client of this.shards) await client.command({ query: `TRUNCATE TABLE ${dataTable('sessions')}` });
    // One version for the whole rebuild, as the single query had.
    const version = this.nextVersion();
    for (let bucket = 0; bucket < buckets; bucket++) {
      await this.insertSessions(buckets === 1 ? '' : sessionBucketWhere(bucket, buckets), [], version);
    }
  }

  async refreshIdentities(): Promise<void> {
    for (const client of this.shards) await client.command({ query: `TRUNCATE TABLE ${dataTable('identities')}` });
    await this.insertIdentities('');
  }

  private async insertIdentities(where: string): Promise<void> {
    await this.main.command({
      query: `INSERT INTO ${writeTable('identities', this.layout)} (visitor_id, contact_id, _version)
        SELECT visitor_id, contact_id, toUInt64(0) FROM (${identitiesSelectSql(where)})`,
    });
  }

  private async insertSessions(where: string, params: readonly unknown[] = [], version = this.nextVersion()): Promise<void> {
    const columns = [...STORED_TABLES.sessions.columns.map(([c]) => `"${c}"`), '_version'].join(', ');
    const select = inlineParams(sessionsSelectSql(where, version), params);
    await this.main.command({ query: `INSERT INTO ${writeTable('sessions', this.layout)} (${columns}) ${select}` });
  }

  /** Gives derived session ids to the events of visitors with unsessionized events. */
  private async sessionize(): Promise<void> {
    const touched = (await this.query(TOUCHED_EVENTS_SQL)) as unknown as TouchedEvent[];
    const changes = [...assignSessions(touched)];
    const columns = STORED_TABLES.events.columns.map(([c]) => `"${c}"`);
    for (let start = 0; start < changes.length; start += ID_CHUNK) {
      const chunk = changes.slice(start, start + ID_CHUNK);
      const ids = chunk.map(([id]) => quote(id)).join(', ');
      const sids = chunk.map(([, sid]) => quote(sid)).join(', ');
      const select = columns
        .map((c) => (c === '"session_id"' ? `toNullable(transform(assumeNotNull(event_id), [${ids}], [${sids}], '')) AS session_id` : c))
        .join(', ');
      await this.main.command({
        query: `INSERT INTO ${writeTable('events', this.layout)} (${columns.join(', ')}, _version)
          SELECT ${select}, toUInt64(${this.nextVersion()}) FROM events WHERE event_id IN (${ids})`,
      });
    }
  }

  async appendLiveEvents(rows: readonly StoredRow[], receivedAtMs: number): Promise<void> {
    if (rows.length === 0) return;
    await this.insertRows('events', rows);
    const received = formatDateTime(receivedAtMs);
    await this.main.insert({
      table: 'ingest_event_ids',
      values: rows.map((row) => ({ event_id: String(row.event_id), received_at: received })),
      format: 'JSONEachRow',
    });
    // Identify events link their visitor now; ReplacingMergeTree drops a link already stored.
    const identified = rows.filter((row) => row.contact_id && row.visitor_id).map((row) => quote(String(row.event_id)));
    for (let start = 0; start < identified.length; start += ID_CHUNK) {
      await this.insertIdentities(`event_id IN (${identified.slice(start, start + ID_CHUNK).join(', ')})`);
    }
  }

  async liveEventIds(sinceMs: number, ids?: readonly string[]): Promise<string[]> {
    const since = `received_at >= toDateTime(${Math.floor(sinceMs / 1000)})`;
    if (ids !== undefined && ids.length === 0) return [];
    const only = ids ? ` AND event_id IN (${ids.map(quote).join(', ')})` : '';
    const rows = await this.query(`SELECT DISTINCT event_id FROM ingest_event_ids WHERE ${since}${only}`);
    return rows.map((r) => String(r.event_id));
  }

  async pruneLiveEventIds(beforeMs: number): Promise<void> {
    // A mutation: asynchronous, and ids are also filtered by time when read.
    await this.main.command({
      query: `ALTER TABLE ingest_event_ids DELETE WHERE received_at < toDateTime(${Math.floor(beforeMs / 1000)})`,
    });
  }

  async refreshSessionsFor(sessionIds: readonly string[], sinceMs: number): Promise<void> {
    if (sessionIds.length === 0) return;
    for (let start = 0; start < sessionIds.length; start += ID_CHUNK) {
      const ids = sessionIds
        .slice(start, start + ID_CHUNK)
        .map(quote)
        .join(', ');
      await this.insertSessions(`"timestamp" >= toDateTime(${Math.floor(sinceMs / 1000)}) AND session_id IN (${ids})`);
    }
  }

  async upsertSessions(rows: readonly StoredRow[], _sinceMs: number): Promise<void> {
    // The new rows carry a higher version: ReplacingMergeTree (and FINAL) keeps them over the old.
    await this.insertRows('sessions', rows, this.nextVersion());
  }

  async liveSessionStates(sinceMs: number): Promise<LiveSessionState[]> {
    const since = Math.floor(sinceMs / 1000);
    const rows = await this.query(
      `SELECT site, visitor_id, session_id, toUInt64(toUInt32(last_seen)) * 1000 AS last_seen_ms, source, medium, campaign
       FROM (
         -- Aliased apart from the column: 18.16 would put the aggregate into the WHERE.
         SELECT site, visitor_id, latest_session_id AS session_id, last_seen FROM (
           SELECT site, visitor_id, argMax(session_id, "timestamp") AS latest_session_id, max("timestamp") AS last_seen
           FROM events
           WHERE "timestamp" >= toDateTime(${since}) AND session_derived = 1 AND session_id IS NOT NULL AND visitor_id IS NOT NULL
           GROUP BY site, visitor_id
         )
       ) ALL LEFT JOIN (
         SELECT session_id, tupleElement(argMin(tuple(source), _k), 1) AS source, tupleElement(argMin(tuple(medium), _k), 1) AS medium,
           tupleElement(argMin(tuple(campaign), _k), 1) AS campaign
         FROM (SELECT *, concat(toString("timestamp"), '|', ifNull(event_id, '')) AS _k FROM events
               WHERE "timestamp" >= toDateTime(${since - 86_400}) AND session_id IS NOT NULL)
         GROUP BY session_id
       ) USING session_id`,
    );
    return rows.map((row) => ({
      site: String(row.site),
      visitorId: String(row.visitor_id),
      sessionId: String(row.session_id),
      lastSeenMs: Number(row.last_seen_ms),
      source: row.source === null ? null : String(row.source),
      medium: row.medium === null ? null : String(row.medium),
      campaign: row.campaign === null ? null : String(row.campaign),
    }));
  }

  /**
   * A mutation on the table's data on every shard (ALTER TABLE … DELETE; the FINAL views read
   * through), waited for: 18.16 runs mutations in the background and has no mutations_sync.
   */
  async deleteWhere(table: string, where: string, params?: SqlParams): Promise<void> {
    const stored = (TABLE_NAMES as readonly string[]).includes(table);
    const target = stored ? dataTable(table as TableName) : table;
    const clients = stored ? this.shards : [this.main];
    // 18.16's mutations delete the rows whose condition is NULL: only a true condition may delete.
    const condition = `ifNull((${inlineParams(where, params)}), 0)`;
    for (const client of clients) await client.command({ query: `ALTER TABLE ${target} DELETE WHERE ${condition}` });
    for (const client of clients) await waitForMutations(client, target);
  }

  /** Every ClickHouse query runs on its own HTTP request already. */
  read(sql: string, params?: SqlParams): Promise<Record<string, unknown>[]> {
    return this.query(sql, params);
  }

  async query(sql: string, params?: SqlParams): Promise<Record<string, unknown>[]> {
    const result = await this.main.query({ query: inlineParams(sql, params), format: 'JSON' });
    const body = (await result.json()) as { meta: Array<{ name: string; type: string }>; data: Record<string, unknown>[] };
    return toPlainRows(body.meta, body.data);
  }

  /** Rows exactly as ClickHouse's JSON gives them (DateTime as 'YYYY-MM-DD HH:MM:SS'). */
  private async rawRows(sql: string): Promise<Record<string, unknown>[]> {
    const result = await this.main.query({
      query: sql,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return (await result.json()) as Record<string, unknown>[];
  }

  async count(table: TableName): Promise<number> {
    const [row] = await this.query(`SELECT count() AS n FROM "${STORED_TABLES[table].name}"`);
    return Number(row?.n ?? 0);
  }

  /** Runs a statement on the query server (benchmarks, tools). */
  async command(sql: string): Promise<void> {
    await this.main.command({ query: sql });
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.close()));
    await this.closeMetadata();
  }
}

async function waitForMutations(client: ClickHouseClient, table: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const result = await client.query({
      query: `SELECT count() AS n FROM system.mutations WHERE database = currentDatabase() AND table = '${table}' AND is_done = 0`,
      format: 'JSONEachRow',
    });
    const [row] = (await result.json()) as Array<{ n: number | string }>;
    if (Number(row?.n ?? 0) === 0) return;
    if (attempt >= 600) throw new AppError('internal', `ClickHouse mutation on ${table} did not finish within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function quote(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
