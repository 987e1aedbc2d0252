import { openStore } from '../data-dir.ts';
import type { Store } from '../store/store.ts';

/** Opens the store of a data directory for one command's work, and closes it whatever happens. */
export async function withStore<T>(data: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(data);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
