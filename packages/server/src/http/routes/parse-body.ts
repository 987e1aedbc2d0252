import { AppError } from '@northstar/core';
import type { z } from 'zod';

/** Validates input against a zod schema; a 400 names each offending field. */
export function parseBody<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const first = issues[0];
    throw new AppError('validation', `invalid ${what}: ${first ? `${first.path || what}: ${first.message}` : ''}`, { issues });
  }
  return parsed.data;
}
