import { AppError } from '@northstar/core';
import type { Collection, MetaDocument, MetadataStore } from './metadata-store.ts';

type Runner = (sql: string, params?: readonly unknown[]) => Promise<Record<string, unknown>[]>;

const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export const META_DDL = `CREATE TABLE IF NOT EXISTS meta_documents (
  collection VARCHAR NOT NULL, id VARCHAR NOT NULL, body JSON NOT NULL,
  created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL, PRIMARY KEY (collection, id))`;

function toDocument<T>(row: Record<string, unknown>): MetaDocument<T> {
  return {
    id: String(row.id),
    collection: String(row.collection) as Collection,
    body: JSON.parse(String(row.body)) as T,
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

const SELECT = `SELECT collection, id, CAST(body AS VARCHAR) AS body, created_at, updated_at FROM meta_documents`;

/** Collections longer than this are read afresh each time rather than kept. */
const MAX_KEPT_ROWS = 1_000;

/**
 * Metadata documents in the embedded DuckDB file, through the store's serialised connection.
 *
 * Lists are kept in memory until a write to their collection: every query asks for the
 * workspace's custom metrics, and reading them through the write queue cost ~1 ms a request,
 * serialised behind every other request's. Only this process writes the file (DuckDB locks it)
 * and every write goes through put/delete here. Each call still parses fresh documents.
 */
export class DuckDbMetadataStore implements MetadataStore {
  private readonly lists = new Map<Collection, Record<string, unknown>[]>();
  /** Bumped by every write, so a list read while a write ran is not kept. */
  private generation = 0;

  constructor(private readonly run: Runner) {}

  async get<T>(collection: Collection, id: string): Promise<MetaDocument<T> | undefined> {
    const [row] = await this.run(`${SELECT} WHERE collection = $1 AND id = $2`, [collection, id]);
    return row ? toDocument<T>(row) : undefined;
  }

  async list<T>(collection: Collection): Promise<MetaDocument<T>[]> {
    let rows = this.lists.get(collection);
    if (!rows) {
      const generation = this.generation;
      rows = await this.run(`${SELECT} WHERE collection = $1 ORDER BY created_at, id`, [collection]);
      if (generation === this.generation && rows.length <= MAX_KEPT_ROWS) this.lists.set(collection, rows);
    }
    return rows.map((r) => toDocument<T>(r));
  }

  /** Runs a write, forgetting the kept list of its collection before and after it. */
  private async write<R>(collection: Collection, work: () => Promise<R>): Promise<R> {
    this.generation++;
    this.lists.delete(collection);
    try {
      return await work();
    } finally {
      this.generation++;
      this.lists.delete(collection);
    }
  }

  async findBy<T>(collection: Collection, field: string, value: string): Promise<MetaDocument<T>[]> {
    if (!FIELD_RE.test(field)) throw new AppError('badRequest', `bad field name '${field}'`);
    const rows = await this.run(`${SELECT} WHERE collection = $1 AND json_extract_string(body, $2) = $3 ORDER BY created_at, id`, [
      collection,
      `$.${field}`,
      value,
    ]);
    return rows.map((r) => toDocument<T>(r));
  }

  async put<T>(collection: Collection, id: string, body: T): Promise<MetaDocument<T>> {
    await this.write(collection, () =>
      this.run(
        `INSERT INTO meta_documents VALUES ($1, $2, $3, now(), now())
       ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body, updated_at = now()`,
        [collection, id, JSON.stringify(body)],
      ),
    );
    return (await this.get<T>(collection, id)) as MetaDocument<T>;
  }

  async delete(collection: Collection, id: string): Promise<boolean> {
    const rows = await this.write(collection, () =>
      this.run('DELETE FROM meta_documents WHERE collection = $1 AND id = $2 RETURNING id', [collection, id]),
    );
    return rows.length > 0;
  }
}
