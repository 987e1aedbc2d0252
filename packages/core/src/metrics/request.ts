/**
 * The query request at the HTTP/CLI boundary: a zod schema, lenient in form (`by` or
 * `dimensions`, comma-separated lists, `DIM=VALUE` filters), strict in content.
 */
import { z } from 'zod';
import { ATTRIBUTION_MODELS, type AttributionModel } from '../attribution/types.ts';
import { parseWith } from '../errors/parse-with.ts';
import { GRAINS, type Grain } from './types.ts';

export type QueryFilter =
  | { dimension: string; op: 'equals'; value: string }
  | { dimension: string; op: 'in'; values: string[] }
  | { dimension: string; op: 'contains'; value: string };

export interface QueryRequest {
  metrics: string[];
  /** 'YYYY-MM-DD', inclusive; default: 30 days before `to`. */
  from?: string;
  /** 'YYYY-MM-DD', exclusive; default: tomorrow in the request timezone. */
  to?: string;
  /** Default: all (tables: their own default). */
  grain?: Grain;
  /** IANA zone; default: the workspace's. */
  timezone?: string;
  dimensions?: string[];
  filters?: QueryFilter[];
  comparison?: 'previous' | 'year';
  limit?: number;
  order?: { metric: string; direction: 'asc' | 'desc' };
  /** Options of particular metrics (min_sessions, sample_size, min_detectable_effect …). */
  options?: Record<string, number>;
  /** Attribution model of attributed_revenue, roi, romi and roas; default last_non_direct. */
  model?: AttributionModel;
}

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((item) => item.trim()).filter((item) => item !== ''));

const filterObject = z.union([
  z.object({ dimension: z.string().min(1), op: z.literal('equals').default('equals'), value: z.string() }),
  z.object({ dimension: z.string().min(1), op: z.literal('in'), values: z.array(z.string()).min(1) }),
  z.object({ dimension: z.string().min(1), op: z.literal('contains'), value: z.string() }),
]);

/** `DIM=VALUE`, `DIM=A|B` (in) or `DIM~TEXT` (contains). */
const filterText = z.string().transform((text, ctx): QueryFilter => {
  const contains = /^([A-Za-z_][\w]*)~(.*)$/.exec(text);
  if (contains) return { dimension: contains[1] ?? '', op: 'contains', value: contains[2] ?? '' };
  const equals = /^([A-Za-z_][\w]*)=(.*)$/.exec(text);
  if (!equals) {
    ctx.addIssue({ code: 'custom', message: `filter '${text}' is not DIM=VALUE, DIM=A|B or DIM~TEXT` });
    return z.NEVER;
  }
  const values = (equals[2] ?? '').split('|');
  return values.length > 1
    ? { dimension: equals[1] ?? '', op: 'in', values }
    : { dimension: equals[1] ?? '', op: 'equals', value: values[0] ?? '' };
});

export const queryRequestSchema = z
  .object({
    metrics: list.refine((items) => items.length > 0, 'at least one metric'),
    from: z.string().optional(),
    to: z.string().optional(),
    grain: z.enum(GRAINS).optional(),
    timezone: z.string().optional(),
    tz: z.string().optional(),
    dimensions: list.optional(),
    by: list.optional(),
    filters: z.array(z.union([filterObject, filterText])).optional(),
    filter: z.union([filterText, z.array(filterText)]).optional(),
    comparison: z.enum(['previous', 'year']).optional(),
    compare: z.enum(['previous', 'year']).optional(),
    limit: z.coerce.number().int().positive().max(100_000).optional(),
    order: z.object({ metric: z.string(), direction: z.enum(['asc', 'desc']).default('desc') }).optional(),
    options: z.record(z.string(), z.coerce.number()).optional(),
    model: z.enum(ATTRIBUTION_MODELS).optional(),
  })
  .strict();

/** Validates an HTTP body or CLI options into a QueryRequest; errors name the offending field. */
export function parseQueryRequest(input: unknown): QueryRequest {
  const v = parseWith(queryRequestSchema, input, 'query');
  const filterList = v.filter === undefined ? [] : Array.isArray(v.filter) ? v.filter : [v.filter];
  const request: QueryRequest = { metrics: v.metrics };
  if (v.from !== undefined) request.from = v.from;
  if (v.to !== undefined) request.to = v.to;
  if (v.grain !== undefined) request.grain = v.grain;
  const timezone = v.timezone ?? v.tz;
  if (timezone !== undefined) request.timezone = timezone;
  const dimensions = [...(v.dimensions ?? []), ...(v.by ?? [])];
  if (dimensions.length > 0) request.dimensions = dimensions;
  const filters = [...(v.filters ?? []), ...filterList] as QueryFilter[];
  if (filters.length > 0) request.filters = filters;
  const comparison = v.comparison ?? v.compare;
  if (comparison !== undefined) request.comparison = comparison;
  if (v.limit !== undefined) request.limit = v.limit;
  if (v.order !== undefined) request.order = v.order;
  if (v.options !== undefined) request.options = v.options;
  if (v.model !== undefined) request.model = v.model;
  return request;
}
