/**
 * Metadata as a collector sees it: reads pass through, writes are refused. A collector checks API
 * keys and reads the day's visitor salt; everything it writes goes to ClickHouse, so any number of
 * them can run and none can change users, keys or settings.
 */
import { AppError } from '@northstar/core';
import type { Collection, MetadataStore } from '../meta/metadata-store.ts';

export function readOnlyMetadata(meta: MetadataStore): MetadataStore {
  const refuse = (collection: Collection): never => {
    throw new AppError('internal', `a collector does not write metadata (tried to change '${collection}')`);
  };
  return {
    get: (collection, id) => meta.get(collection, id),
    list: (collection) => meta.list(collection),
    findBy: (collection, field, value) => meta.findBy(collection, field, value),
    put: async (collection) => refuse(collection),
    delete: async (collection) => refuse(collection),
  };
}
