/**
 * One job pass at a time per store: the scheduler's ticks and POST /alerts/evaluate take the same
 * lock, so two passes never claim the same outbox message or fire the same occurrence twice.
 * (One process owns a DuckDB file, so an in-process lock is enough.)
 */
const tails = new WeakMap<object, Promise<unknown>>();

export function withJobLock<T>(owner: object, work: () => Promise<T>): Promise<T> {
  const tail = tails.get(owner) ?? Promise.resolve();
  const next = tail.then(work, work);
  tails.set(
    owner,
    next.catch(() => undefined),
  );
  return next;
}
