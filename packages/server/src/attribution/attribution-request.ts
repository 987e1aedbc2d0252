import { AppError, ATTRIBUTION_MODELS, type AttributionModel, isAttributionModel, isValidTimezone, parseWith } from '@northstar/core';
import { z } from 'zod';
import { CONVERSIONS, JOURNEY_DIMENSIONS } from './journey-sql.ts';
import type { AttributionRequest } from './run-attribution.ts';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Query-string or CLI shaped input: every value may arrive as a string. */
export const attributionInputSchema = z.object({
  model: z.string().min(1, 'model is required'),
  conversion: z.enum(CONVERSIONS).default('deal'),
  by: z.enum(JOURNEY_DIMENSIONS).default('channel'),
  lookback: z.coerce.number().int().min(1).max(730).default(90),
  from: z.string().regex(DATE_RE, 'from must be a date (YYYY-MM-DD)').optional(),
  to: z.string().regex(DATE_RE, 'to must be a date (YYYY-MM-DD)').optional(),
  tz: z.string().optional(),
  half_life: z.coerce.number().positive().max(365).optional(),
  order: z.coerce.number().int().min(1).max(6).optional(),
});

export function parseModels(text: string): AttributionModel[] {
  const models = text
    .split(',')
    .map((m) => m.trim().toLowerCase())
    .filter(Boolean);
  const unknown = models.filter((m) => !isAttributionModel(m));
  if (models.length === 0 || unknown.length > 0) {
    throw new AppError('badRequest', `unknown attribution model '${unknown[0] ?? text}': expected one of ${ATTRIBUTION_MODELS.join(', ')}`);
  }
  return models as AttributionModel[];
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Validates attribution input; the default range is the 12 months up to and including today. */
export function parseAttributionRequest(input: unknown, workspaceTimezone: string, now = Date.now()): AttributionRequest {
  const value = parseWith(attributionInputSchema, input, 'attribution request');
  const timezone = value.tz ?? workspaceTimezone;
  if (!isValidTimezone(timezone)) throw new AppError('badTimezone', `unknown timezone '${timezone}'`);
  const to = value.to ?? isoDay(now + 86_400_000);
  const from = value.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
  const request: AttributionRequest = {
    models: parseModels(value.model),
    conversion: value.conversion,
    by: value.by,
    lookbackDays: value.lookback,
    from,
    to,
    timezone,
  };
  if (value.half_life !== undefined) request.halfLifeDays = value.half_life;
  if (value.order !== undefined) request.markovOrder = value.order;
  return request;
}
