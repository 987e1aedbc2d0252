/**
 * Metadata documents in PostgreSQL (scale-out): the same collections and JSON bodies as the
 * embedded table, with versioned migrations applied on open.
 */
import { AppError } from '@northstar/core';
import pg from 'pg';
import type { Collection, MetaDocument, MetadataStore } from './metadata-store.ts';

const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Append new versions; never edit a released one. */
export const POSTGRES_MIGRATIONS: ReadonlyArray<{ version: number; description: string; statements: string[] }> = [
  {
    version: 1,
    description: 'metadata documents (dashboards, goals, alerts, keys, users)',
    statements: [
      `CREATE TABLE IF NOT EXISTS meta_documents (
         collection TEXT NOT NULL, id TEXT NOT NULL, body JSONB NOT NULL,
         created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (collection, id))`,
      // findBy filters on one top-level field: a GIN index serves body @> '{"field": "value"}'.
      'CREATE INDEX IF NOT EXISTS meta_documents_body ON meta_documents USING GIN (body jsonb_path_ops)',
    ],
  },
];

interface Row {
  collection: string;
  id: string;
  body: unknown;
  created_at: Date;
  updated_at: Date;
}

/** ISO text, as the DuckDB store gives, so API responses do not depend on the engine. */
function timestampText(value: Date): string {
  return value.toISOString();
}

function toDocument<T>(row: Row): MetaDocument<T> {
  return {
    id: row.id,
    collection: row.collection as Collection,
    body: row.body as T,
    createdAt: timestampText(row.created_at),
    updatedAt: timestampText(row.updated_at),
  };
}

const SELECT = 'SELECT collection, id, body, created_at, updated_at FROM meta_documents';

export class PostgresMetadataStore implements MetadataStore {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string): Promise<PostgresMetadataStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const store = new PostgresMetadataStore(pool);
    await store.migrate();
    return store;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      // One migrator at a time, even with several servers starting together.
      await client.query('SELECT pg_advisory_lock(7421)');
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)');
      const applied = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
      );
      for (const migration of POSTGRES_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          for (const statement of migration.statements) await client.query(statement);
          await client.query('INSERT INTO schema_migrations VALUES ($1, now())', [migration.version]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(7421)').catch(() => undefined);
      client.release();
    }
  }

  async get<T>(collection: Collection, id: string): Promise<MetaDocument<T> | undefined> {
    const { rows } = await this.pool.query<Row>(`${SELECT} WHERE collection = $1 AND id = $2`, [collection, id]);
    return rows[0] ? toDocument<T>(rows[0]) : undefined;
  }

  async list<T>(collection: Collection): Promise<MetaDocument<T>[]> {
    const { rows } = await this.pool.query<Row>(`${SELECT} WHERE collection = $1 ORDER BY created_at, id`, [collection]);
    return rows.map((r) => toDocument<T>(r));
  }

  async findBy<T>(collection: Collection, field: string, value: string): Promise<MetaDocument<T>[]> {
    if (!FIELD_RE.test(field)) throw new AppError('badRequest', `bad field name '${field}'`);
    const { rows } = await this.pool.query<Row>(`${SELECT} WHERE collection = $1 AND body ->> $2 = $3 ORDER BY created_at, id`, [
      collection,
      field,
      value,
    ]);
    return rows.map((r) => toDocument<T>(r));
  }

  async put<T>(collection: Collection, id: string, body: T): Promise<MetaDocument<T>> {
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO meta_documents VALUES ($1, $2, $3, now(), now())
       ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body, updated_at = now()
       RETURNING collection, id, body, created_at, updated_at`,
      [collection, id, JSON.stringify(body)],
    );
    return toDocument<T>(rows[0] as Row);
  }

  async delete(collection: Collection, id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM meta_documents WHERE collection = $1 AND id = $2', [collection, id]);
    return (rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
