import type { z } from 'zod';
import { AppError } from './app-error.ts';

/**
 * Validates input against a zod schema at a boundary; a 400 names the first offending field and
 * lists every issue with its dotted path in `details.issues`.
 */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const first = issues[0];
    throw new AppError('validation', `invalid ${what}: ${first ? `${first.path || what}: ${first.message}` : ''}`, { issues });
  }
  return parsed.data;
}
