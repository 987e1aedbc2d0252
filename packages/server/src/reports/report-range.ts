import { AppError, formatDay, localDay, parseDay } from '@northstar/core';
import type { Store } from '../store/store.ts';

/** The requested range, or the last 30 days (to = tomorrow, exclusive), as in queries. */
export async function resolveRange(store: Store, from?: string, to?: string): Promise<{ from: string; to: string }> {
  const { timezone } = await store.getSettings();
  const end = to ?? formatDay(localDay(Date.now(), timezone) + 1);
  const start = from ?? formatDay((parseDay(end) as number) - 30);
  for (const [field, text] of [
    ['from', start],
    ['to', end],
  ] as const) {
    if (parseDay(text) === undefined) throw new AppError('badDate', `bad date '${text}' for '${field}' (expected YYYY-MM-DD)`, { field });
  }
  if ((parseDay(start) as number) >= (parseDay(end) as number))
    throw new AppError('badDate', `'from' (${start}) must be before 'to' (${end})`);
  return { from: start, to: end };
}
