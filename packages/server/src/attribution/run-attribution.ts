import {
  AppError,
  type AttributionDimension,
  type AttributionModel,
  type AttributionResult,
  assertUnreachable,
  attribute,
  attributePaths,
  type Journey,
  type PathSummaryRow,
  parseTimestamp,
  type Touchpoint,
} from '@northstar/core';
import type { Store } from '../store/store.ts';
import {
  type ConversionKind,
  type JourneyDimension,
  type JourneyQuery,
  journeysSql,
  PATH_SEPARATOR,
  pathSummarySql,
} from './journey-sql.ts';
import { journeysSqlClickHouse, pathSummarySqlClickHouse } from './journey-sql-clickhouse.ts';

export interface AttributionRequest {
  models: AttributionModel[];
  conversion: ConversionKind;
  by: JourneyDimension;
  lookbackDays: number;
  /** Dates (YYYY-MM-DD) in `timezone`; conversions in [from, to). */
  from: string;
  to: string;
  timezone: string;
  halfLifeDays?: number;
  markovOrder?: number;
}

export interface AttributionRow {
  [dimension: string]: string | number;
  conversions: number;
  value: number;
}

export interface AttributionResponse {
  model: AttributionModel;
  conversion: ConversionKind;
  by: JourneyDimension;
  rows: AttributionRow[];
  totalConversions: number;
  totalValue: number;
  details?: AttributionResult['details'];
}

const DATA_DRIVEN: ReadonlySet<AttributionModel> = new Set(['markov', 'shapley']);
const CORE_DIMENSION: Record<JourneyDimension, AttributionDimension> = {
  channel: 'channel',
  source: 'source',
  campaign: 'campaign',
  landing_page: 'landingPage',
  content: 'content',
};

function instant(date: string, timezone: string, field: string): number {
  const ms = parseTimestamp(date, timezone);
  if (ms === undefined) throw new AppError('badDate', `${field} is not a date (YYYY-MM-DD): '${date}'`);
  return ms;
}

export function journeyQuery(request: Omit<AttributionRequest, 'models'>): JourneyQuery {
  const fromMs = instant(request.from, request.timezone, 'from');
  const toMs = instant(request.to, request.timezone, 'to');
  if (toMs <= fromMs) throw new AppError('badDate', `'to' (${request.to}) must be after 'from' (${request.from})`);
  return { conversion: request.conversion, by: request.by, lookbackDays: request.lookbackDays, fromMs, toMs };
}

/** The journey extraction SQL of the store's engine. */
function journeySqlFor(store: Pick<Store, 'engine'>) {
  switch (store.engine) {
    case 'duckdb':
      return { pathSummary: pathSummarySql, journeys: journeysSql };
    case 'clickhouse':
      return { pathSummary: pathSummarySqlClickHouse, journeys: journeysSqlClickHouse };
    default:
      return assertUnreachable(store.engine, 'engine');
  }
}

/** Unique paths aggregated in the engine (Markov and Shapley need nothing more). */
export async function loadPathSummary(store: Store, query: JourneyQuery): Promise<PathSummaryRow[]> {
  const { sql, params } = journeySqlFor(store).pathSummary(query);
  const rows = await store.read(sql, params);
  return rows.map((r) => ({
    path: r.path === null || r.path === undefined ? [] : String(r.path).split(PATH_SEPARATOR),
    conversions: Number(r.conversions),
    nulls: Number(r.nulls),
    value: Number(r.value),
  }));
}

/** Converting journeys with touch times and milestones, for the rule-based models. */
export async function loadJourneys(store: Store, query: JourneyQuery): Promise<Journey[]> {
  const { sql, params } = journeySqlFor(store).journeys(query);
  const rows = await store.read(sql, params);
  const closes = query.conversion === 'customer' || query.conversion === 'deal' || query.conversion === 'revenue';
  const field = CORE_DIMENSION[query.by];
  return rows.map((r) => {
    const keys = (r.keys as string[] | null) ?? [];
    const channels = (r.channels as string[] | null) ?? [];
    const times = ((r.times as number[] | null) ?? []).map(Number);
    const leadMs = r.lead_ms === null ? undefined : Number(r.lead_ms);
    const oppMs = r.opp_ms === null ? undefined : Number(r.opp_ms);
    const lastAtOrBefore = (limit: number | undefined) => {
      if (limit === undefined) return -1;
      let found = -1;
      times.forEach((t, i) => {
        if (t <= limit) found = i;
      });
      return found;
    };
    const lead = lastAtOrBefore(leadMs);
    const opportunity = lastAtOrBefore(oppMs);
    const touchpoints: Touchpoint[] = keys.map((key, i) => {
      const touch: Touchpoint = { channel: channels[i] ?? key, timeMs: times[i] ?? 0 };
      if (field !== 'channel') touch[field] = key;
      if (i === lead) touch.isLeadCreation = true;
      if (i === opportunity) touch.isOpportunityCreation = true;
      if (closes && i === keys.length - 1) touch.isClose = true;
      return touch;
    });
    return { touchpoints, converted: true, conversionTimeMs: Number(r.conv_ms), value: Number(r.value) };
  });
}

/** One model over the journeys of one query (the metric layer calls this per period). */
export async function attributeQuery(store: Store, query: JourneyQuery, model: AttributionModel): Promise<AttributionResult> {
  const options = { dimension: CORE_DIMENSION[query.by] };
  if (DATA_DRIVEN.has(model)) return attributePaths(model, await loadPathSummary(store, query), options);
  return attribute(model, await loadJourneys(store, query), options);
}

/** Runs each model over the stored journeys; paths and journeys are loaded once for all models. */
export async function runAttribution(store: Store, request: AttributionRequest): Promise<AttributionResponse[]> {
  const query = journeyQuery(request);
  const options = {
    dimension: CORE_DIMENSION[request.by],
    halfLifeMs: (request.halfLifeDays ?? 7) * 86_400_000,
    markovOrder: request.markovOrder ?? 1,
  };
  let paths: PathSummaryRow[] | undefined;
  let journeys: Journey[] | undefined;
  const results: AttributionResponse[] = [];
  for (const model of request.models) {
    let result: AttributionResult;
    if (DATA_DRIVEN.has(model)) {
      paths ??= await loadPathSummary(store, query);
      result = attributePaths(model, paths, options);
    } else {
      journeys ??= await loadJourneys(store, query);
      result = attribute(model, journeys, options);
    }
    results.push({
      model,
      conversion: request.conversion,
      by: request.by,
      rows: result.rows.map((row) => ({ [request.by]: row.key, conversions: row.conversions, value: row.value })),
      totalConversions: result.totalConversions,
      totalValue: result.totalValue,
      ...(result.details ? { details: result.details } : {}),
    });
  }
  return results;
}
