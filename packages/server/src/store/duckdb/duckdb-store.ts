import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
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
import { DuckDbMetadataStore } from '../../meta/duckdb-metadata-store.ts';
import type { MetadataStore } from '../../meta/metadata-store.ts';
import type { ImportBatch, LiveAppendOptions, LiveSessionState, MergeResult, SqlParams, Store, WorkspaceSettings } from '../store.ts';
import { appendRows, type ColumnDef } from './chunk-writer.ts';
import { createTableSql } from './ddl.ts';
import { DERIVED_TABLES, type DerivedTablesConnection, REACH_INPUTS, refreshContactReach, refreshSessionTables } from './derived-tables.ts';
import { LiveEventLog, SerialQueue } from './live-event-log.ts';
import { MIGRATIONS } from './migrations.ts';
import { ReadPool } from './read-pool.ts';
import {
  REBUILD_IDENTITIES_SQL,
  REBUILD_SESSIONS_SQL,
  REFRESH_TOUCHED_SESSIONS_SQL,
  SESSIONIZE_SQL,
  TOUCHED_SESSIONS_TABLE_SQL,
} from './sessions-sql.ts';

export interface DuckDbStoreOptions {
  /** File path, or ':memory:'. */
  path: string;
}

const ID_COLUMN: readonly ColumnDef[] = [['session_id', 'string']];

/** Read connections; each query already uses every core, so a second one mostly overlaps small queries and waits. */
const READ_CONNECTIONS = 2;

/** Tables whose rows never change once stored: a repeated key keeps the first row. */
const KEEP_FIRST: ReadonlySet<TableName> = new Set(['events']);

export class DuckDbStore implements Store {
  readonly engine = 'duckdb' as const;
  readonly derivedTables = DERIVED_TABLES;
  /** The main connection, for keeping derived tables up to date inside a write's transaction. */
  private readonly derived: DerivedTablesConnection = {
    run: async (sql, params) => void (await this.connection.run(sql, params as DuckDBValue[] | undefined)),
    append: (table, columns, rows) => this.appendTo(table, columns, rows),
  };
  /** Serialises work on the main connection so its transactions never interleave. */
  private readonly queue = new SerialQueue();
  private importCounter = 0;
  /** See Store.dataVersion; bumped when a write settles, so a read never caches under a version older than what it saw. */
  private version = 0;
  /** Every query needs the settings; they change only through updateSettings (or a raw query). */
  private settings: Promise<WorkspaceSettings> | undefined;
  /** Metadata documents live in the same file, behind the same write queue. */
  readonly metadata: MetadataStore = new DuckDbMetadataStore((sql, params) => this.queue.run(() => this.rows(sql, params)));

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** Live ingestion writes on a connection of its own (see live-event-log.ts). */
    private readonly liveLog: LiveEventLog,
    private readonly readers: ReadPool,
  ) {}

  static async open(options: DuckDbStoreOptions): Promise<DuckDbStore> {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    const instance = await DuckDBInstance.create(options.path);
    const connection = await instance.connect();
    const store = new DuckDbStore(instance, connection, await LiveEventLog.open(instance), await ReadPool.open(instance, READ_CONNECTIONS));
    await store.migrate();
    await store.dropLeftoverImports();
    return store;
  }

  private async migrate(): Promise<void> {
    await this.connection.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER, applied_at TIMESTAMP)');
    const applied = new Set((await this.rows('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await this.transaction(async () => {
        for (const statement of migration.statements()) await this.connection.run(statement);
        await this.connection.run('INSERT INTO schema_migrations VALUES ($1, now())', [migration.version]);
      });
    }
  }

  /** Staging tables of an import that a crash interrupted hold nothing worth keeping. */
  private async dropLeftoverImports(): Promise<void> {
    const leftovers = await this.rows("SELECT table_name FROM information_schema.tables WHERE table_name LIKE '\\_import\\_%' ESCAPE '\\'");
    for (const { table_name } of leftovers) await this.connection.run(`DROP TABLE IF EXISTS "${String(table_name)}"`);
  }

  private async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.connection.run('BEGIN TRANSACTION');
    try {
      const result = await work();
      await this.connection.run('COMMIT');
      return result;
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
  }

  private async rows(sql: string, params?: SqlParams): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql, params as DuckDBValue[] | undefined);
    return reader.getRowObjectsJS().map(toPlainRow);
  }

  dataVersion(): number {
    return this.version;
  }

  /** Runs a write, then marks the data (and the cached settings) as changed, whether it succeeded or not. */
  private async write<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } finally {
      this.version++;
      this.settings = undefined;
    }
  }

  getSettings(): Promise<WorkspaceSettings> {
    if (this.settings) return this.settings;
    const settings = this.readSettings().catch((error: unknown) => {
      if (this.settings === settings) this.settings = undefined;
      throw error;
    });
    this.settings = settings;
    return settings;
  }

  private async readSettings(): Promise<WorkspaceSettings> {
    const [row] = await this.read('SELECT name, timezone, currency, attribution_model FROM workspace LIMIT 1');
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
    await this.write(
      this.queue.run(() =>
        this.connection.run('UPDATE workspace SET name = $1, timezone = $2, currency = $3, attribution_model = $4', [
          next.name,
          next.timezone,
          next.currency,
          next.attributionModel,
        ]),
      ),
    );
    return next;
  }

  async insertRows(table: TableName, rows: readonly StoredRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.write(this.appendStoredRows(table, rows));
  }

  private async appendStoredRows(table: TableName, rows: readonly StoredRow[]): Promise<void> {
    const append = async () => {
      const appender = await this.connection.createAppender(table);
      appendRows(appender, STORED_TABLES[table].columns, rows);
      appender.flushSync();
      appender.closeSync();
    };
    if (table === 'sessions') {
      const visitors = rows.map((row) => row.visitor_id).filter((id) => typeof id === 'string');
      return this.queue.run(() =>
        this.transaction(async () => {
          await append();
          await refreshSessionTables(this.derived, { visitors });
        }),
      );
    }
    if (!REACH_INPUTS.has(table)) return this.queue.run(append);
    await this.queue.run(() =>
      this.transaction(async () => {
        await append();
        await refreshContactReach(this.derived, new Set(rows.map((row) => row.contact_id).filter((id) => typeof id === 'string')));
      }),
    );
  }

  async beginImport(table: TableName): Promise<ImportBatch> {
    const spec = STORED_TABLES[table];
    const stage = `_import_${table}_${process.pid}_${++this.importCounter}`;
    const columns: ColumnDef[] = [...spec.columns, ['_seq', 'seq']];
    await this.queue.run(async () => {
      await this.connection.run(createTableSql(spec, stage));
      await this.connection.run(`ALTER TABLE "${stage}" ADD COLUMN _seq BIGINT`);
    });
    let appended = 0;
    const drop = () => this.connection.run(`DROP TABLE IF EXISTS "${stage}"`);
    return {
      append: (rows) =>
        this.queue.run(async () => {
          const appender = await this.connection.createAppender(stage);
          appendRows(appender, columns, rows, appended);
          appender.flushSync();
          appender.closeSync();
          appended += rows.length;
        }),
      commit: () =>
        this.write(
          this.queue.run(async () => {
            try {
              return await this.transaction(async () => {
                const result = await this.merge(table, stage);
                if (REACH_INPUTS.has(table)) {
                  const touched = await this.rows(`SELECT DISTINCT contact_id FROM "${stage}" WHERE contact_id IS NOT NULL`);
                  await refreshContactReach(this.derived, new Set(touched.map((row) => row.contact_id)));
                }
                return result;
              });
            } finally {
              await drop();
            }
          }),
        ),
      abort: () => this.queue.run(async () => void (await drop())),
    };
  }

  /** Moves staged rows into the table by key: the last staged row of a key wins (first stored for events). */
  private async merge(table: TableName, stage: string): Promise<MergeResult> {
    const spec = STORED_TABLES[table];
    const names = spec.columns.map(([name]) => `"${name}"`).join(', ');
    const keyList = spec.key.map((k) => `"${k}"`).join(', ');
    const match = spec.key.map((k) => `t."${k}" IS NOT DISTINCT FROM s."${k}"`).join(' AND ');
    const latest = `(SELECT ${names} FROM "${stage}" QUALIFY row_number() OVER (PARTITION BY ${keyList} ORDER BY _seq DESC) = 1)`;
    const same = spec.columns.map(([c]) => `t."${c}" IS NOT DISTINCT FROM s."${c}"`).join(' AND ');
    const [counts] = await this.rows(
      `SELECT count(*) AS staged,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "${table}" t WHERE ${match})) AS existing,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "${table}" t WHERE ${same})) AS unchanged
       FROM ${latest} s`,
    );
    const staged = Number(counts?.staged ?? 0);
    const existing = Number(counts?.existing ?? 0);
    const unchanged = Number(counts?.unchanged ?? 0);
    if (KEEP_FIRST.has(table)) {
      if (existing < staged) {
        await this.connection.run(
          `INSERT INTO "${table}" SELECT * FROM ${latest} s WHERE NOT EXISTS (SELECT 1 FROM "${table}" t WHERE ${match})`,
        );
      }
      // A retried event is the same event: it is counted as unchanged even if a field differs.
      return { inserted: staged - existing, updated: 0, unchanged: existing };
    }
    if (existing > unchanged) {
      await this.connection.run(`DELETE FROM "${table}" t WHERE EXISTS (SELECT 1 FROM "${stage}" s WHERE ${match})`);
      await this.connection.run(`INSERT INTO "${table}" SELECT * FROM ${latest} s`);
    } else {
      await this.connection.run(
        `INSERT INTO "${table}" SELECT * FROM ${latest} s WHERE NOT EXISTS (SELECT 1 FROM "${table}" t WHERE ${match})`,
      );
    }
    return { inserted: staged - existing, updated: existing - unchanged, unchanged };
  }

  async refreshSessions(): Promise<void> {
    await this.write(
      this.queue.run(() =>
        this.transaction(async () => {
          await this.connection.run(SESSIONIZE_SQL);
          await this.connection.run(REBUILD_SESSIONS_SQL);
          await this.connection.run(REBUILD_IDENTITIES_SQL);
          await refreshSessionTables(this.derived, 'all');
        }),
      ),
    );
  }

  async refreshIdentities(): Promise<void> {
    await this.write(this.queue.run(() => this.connection.run(REBUILD_IDENTITIES_SQL).then(() => undefined)));
  }

  async appendLiveEvents(rows: readonly StoredRow[], receivedAtMs: number, options: LiveAppendOptions = {}): Promise<void> {
    if (rows.length === 0) return;
    await this.write(this.liveLog.append(rows, receivedAtMs, options.yieldEveryRows));
  }

  private async appendTo(table: string, columns: readonly ColumnDef[], rows: readonly StoredRow[]): Promise<void> {
    const appender = await this.connection.createAppender(table);
    appendRows(appender, columns, rows);
    appender.flushSync();
    appender.closeSync();
  }

  liveEventIds(sinceMs: number, ids?: readonly string[]): Promise<string[]> {
    return this.liveLog.ids(sinceMs, ids);
  }

  pruneLiveEventIds(beforeMs: number): Promise<void> {
    return this.liveLog.prune(beforeMs);
  }

  async refreshSessionsFor(sessionIds: readonly string[], sinceMs: number): Promise<void> {
    if (sessionIds.length === 0) return;
    await this.write(this.refreshTouchedSessions(sessionIds, sinceMs));
  }

  private async refreshTouchedSessions(sessionIds: readonly string[], sinceMs: number): Promise<void> {
    await this.queue.run(() =>
      this.transaction(async () => {
        await this.connection.run(TOUCHED_SESSIONS_TABLE_SQL);
        await this.connection.run('DELETE FROM _touched_sessions');
        await this.appendTo(
          '_touched_sessions',
          ID_COLUMN,
          sessionIds.map((session_id) => ({ session_id })),
        );
        const [remove, insert] = REFRESH_TOUCHED_SESSIONS_SQL;
        await this.connection.run(remove);
        await this.connection.run(insert, [Math.floor(sinceMs)]);
        await refreshSessionTables(this.derived, { sinceMs });
      }),
    );
  }

  async upsertSessions(rows: readonly StoredRow[], sinceMs: number): Promise<void> {
    if (rows.length === 0) return;
    await this.write(this.replaceSessions(rows, sinceMs));
  }

  private async replaceSessions(rows: readonly StoredRow[], sinceMs: number): Promise<void> {
    await this.queue.run(() =>
      this.transaction(async () => {
        await this.connection.run(TOUCHED_SESSIONS_TABLE_SQL);
        await this.connection.run('DELETE FROM _touched_sessions');
        await this.appendTo(
          '_touched_sessions',
          ID_COLUMN,
          rows.map((row) => ({ session_id: row.session_id ?? null })),
        );
        // The bound on started_at lets DuckDB skip row groups of older sessions.
        await this.connection.run(
          `DELETE FROM sessions WHERE started_at >= epoch_ms(CAST($1 AS BIGINT))
             AND session_id IN (SELECT session_id FROM _touched_sessions)`,
          [Math.floor(sinceMs)],
        );
        await this.appendTo('sessions', STORED_TABLES.sessions.columns, rows);
        await refreshSessionTables(this.derived, { sinceMs });
      }),
    );
  }

  async liveSessionStates(sinceMs: number): Promise<LiveSessionState[]> {
    const rows = await this.query(
      `WITH latest AS (
         SELECT site, visitor_id, arg_max(session_id, "timestamp") AS session_id, max("timestamp") AS last_seen
         FROM events
         WHERE "timestamp" >= epoch_ms(CAST($1 AS BIGINT)) AND session_derived AND session_id IS NOT NULL AND visitor_id IS NOT NULL
         GROUP BY site, visitor_id
       )
       SELECT l.site, l.visitor_id, l.session_id, epoch_ms(any_value(l.last_seen)) AS last_seen_ms,
         first(e.source ORDER BY e."timestamp", e.event_id) AS source,
         first(e.medium ORDER BY e."timestamp", e.event_id) AS medium,
         first(e.campaign ORDER BY e."timestamp", e.event_id) AS campaign
       FROM latest l JOIN events e ON e.session_id = l.session_id AND e."timestamp" >= epoch_ms(CAST($1 AS BIGINT) - 86400000)
       GROUP BY l.site, l.visitor_id, l.session_id`,
      [sinceMs],
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

  /** Any SQL, so it counts as a write (see dataVersion). */
  query(sql: string, params?: SqlParams): Promise<Record<string, unknown>[]> {
    return this.write(this.queue.run(() => this.rows(sql, params)));
  }

  async deleteWhere(table: string, where: string, params?: SqlParams): Promise<void> {
    await this.write(this.deleteRows(table, where, params));
  }

  private async deleteRows(table: string, where: string, params?: SqlParams): Promise<void> {
    const reach = REACH_INPUTS.has(table as TableName);
    if (!reach && table !== 'sessions') return void (await this.query(`DELETE FROM "${table}" WHERE ${where}`, params));
    await this.queue.run(() =>
      this.transaction(async () => {
        await this.rows(`DELETE FROM "${table}" WHERE ${where}`, params);
        await (reach ? refreshContactReach(this.derived, 'all') : refreshSessionTables(this.derived, { deleted: true }));
      }),
    );
  }

  read(sql: string, params?: SqlParams): Promise<Record<string, unknown>[]> {
    return this.readers.read(sql, params as DuckDBValue[] | undefined).then((reader) => reader.getRowObjectsJS().map(toPlainRow));
  }

  async count(table: TableName): Promise<number> {
    const [row] = await this.query(`SELECT count(*) AS n FROM "${STORED_TABLES[table].name}"`);
    return Number(row?.n ?? 0);
  }

  /**
   * A second connection to the same database, outside the store's queue: for benchmarks that
   * compare the store with plain DuckDB, and for read-only tools. The caller closes it.
   */
  openRawConnection(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  async close(): Promise<void> {
    await this.readers.close();
    await this.liveLog.close();
    await this.queue.run(async () => {
      this.connection.closeSync();
      this.instance.closeSync();
    });
  }
}

/** BIGINT -> number, timestamps -> ISO strings, dates -> YYYY-MM-DD. */
function toPlainRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = toPlain(value);
  return out;
}

function toPlain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPlain);
  return value;
}
