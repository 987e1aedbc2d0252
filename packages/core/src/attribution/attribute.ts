import { AppError, assertUnreachable } from '../errors/app-error.ts';
import { CreditTable } from './credits.ts';
import { markovShares } from './markov.ts';
import { type PathTable, pathCount, pathTableFromJourneys, pathTableFromSummary } from './path-table.ts';
import { creditRuleBased } from './rule-based.ts';
import { DEFAULT_HALF_LIFE_MS } from './rule-weights.ts';
import { shapleyExact, shapleySampled } from './shapley.ts';
import {
  ATTRIBUTION_MODELS,
  type AttributionDetails,
  type AttributionDimension,
  type AttributionModel,
  type AttributionOptions,
  type AttributionResult,
  DATA_DRIVEN_MODELS,
  type DataDrivenModel,
  type Journey,
  NO_TOUCH_KEY,
  type PathSummaryRow,
  type RuleModel,
} from './types.ts';

export function isAttributionModel(name: string): name is AttributionModel {
  return (ATTRIBUTION_MODELS as readonly string[]).includes(name);
}

function isDataDriven(model: AttributionModel): model is DataDrivenModel {
  return (DATA_DRIVEN_MODELS as readonly string[]).includes(model);
}

function halfLife(options: AttributionOptions): number {
  const value = options.halfLifeMs ?? DEFAULT_HALF_LIFE_MS;
  if (!(Number.isFinite(value) && value > 0)) {
    throw new AppError('badRequest', 'attribution: the time decay half-life must be a positive number of milliseconds', {
      halfLifeMs: value,
    });
  }
  return value;
}

/** Markov or Shapley over aggregated paths; touchless journeys go straight to `(none)`. */
function attributeTable(
  model: DataDrivenModel,
  table: PathTable,
  dimension: AttributionDimension,
  options: AttributionOptions,
): AttributionResult {
  const credits = new CreditTable();
  for (const key of table.keys) credits.id(key); // key id k of the table is id k here
  let conversions = 0;
  let value = 0;
  for (let p = 0; p < pathCount(table); p++) {
    conversions += table.conversions[p] as number;
    value += table.values[p] as number;
  }
  let details: AttributionDetails;
  switch (model) {
    case 'markov': {
      const { shares, details: markov } = markovShares(table, options.markovOrder ?? 1);
      for (const [k, share] of shares.entries()) credits.add(k, share * conversions, share * value);
      details = markov;
      break;
    }
    case 'shapley': {
      const { method = 'exact', samples = 1000, seed = 1 } = options.shapley ?? {};
      if (method === 'exact') {
        const exact = shapleyExact(table);
        for (const [k, c] of exact.conversions.entries()) credits.add(k, c, exact.values[k] as number);
        details = { kind: 'shapley', method, players: exact.players };
      } else {
        const sampled = shapleySampled(table, samples, seed);
        for (const [k, c] of sampled.conversions.entries()) credits.add(k, c, sampled.values[k] as number);
        const intervals = table.keys.flatMap((key, k) => {
          const c = sampled.conversions[k] as number;
          const v = sampled.values[k] as number;
          const hc = sampled.conversionsHalfWidth[k] as number;
          const hv = sampled.valuesHalfWidth[k] as number;
          return c === 0 && v === 0
            ? []
            : [{ key, conversions: [c - hc, c + hc] as [number, number], value: [v - hv, v + hv] as [number, number] }];
        });
        details = { kind: 'shapley', method, players: sampled.players, samples, seed, intervals };
      }
      break;
    }
    default:
      return assertUnreachable(model, 'data-driven model');
  }
  if (table.none.seen) credits.add(credits.id(NO_TOUCH_KEY), table.none.conversions, table.none.value);
  credits.totalConversions = conversions + table.none.conversions;
  credits.totalValue = value + table.none.value;
  return credits.toResult(model, dimension, details);
}

/**
 * Credits the conversions (and their value) of `journeys` to keys of `options.dimension`
 * (default channel) under one model. Credits of each conversion sum to 1 and to its value.
 */
export function attribute(model: AttributionModel, journeys: readonly Journey[], options: AttributionOptions = {}): AttributionResult {
  const dimension = options.dimension ?? 'channel';
  if (isDataDriven(model)) return attributeTable(model, pathTableFromJourneys(journeys, dimension), dimension, options);
  return creditRuleBased(model, journeys, dimension, halfLife(options)).toResult(model, dimension);
}

/** Several models over the same journeys, for side-by-side comparison; paths are aggregated once. */
export function compareModels(
  models: readonly AttributionModel[],
  journeys: readonly Journey[],
  options: AttributionOptions = {},
): AttributionResult[] {
  const dimension = options.dimension ?? 'channel';
  let table: PathTable | undefined;
  return models.map((model) => {
    if (!isDataDriven(model)) return attribute(model, journeys, options);
    table ??= pathTableFromJourneys(journeys, dimension);
    return attributeTable(model, table, dimension, options);
  });
}

/** Models that need touch times or milestone flags, which a path summary does not carry. */
const NEEDS_TOUCH_DETAIL: readonly RuleModel[] = ['time_decay', 'u_shaped_milestone', 'w_shaped', 'full_path'];

/**
 * Attribution over a path summary (`parsePathSummary`). Every model works except those that
 * need touch times or milestone flags; they are refused rather than silently degraded.
 */
export function attributePaths(
  model: AttributionModel,
  rows: readonly PathSummaryRow[],
  options: AttributionOptions = {},
): AttributionResult {
  const dimension = options.dimension ?? 'channel';
  if (isDataDriven(model)) return attributeTable(model, pathTableFromSummary(rows), dimension, options);
  if (NEEDS_TOUCH_DETAIL.includes(model)) {
    throw new AppError('badRequest', `attribution: ${model} needs touch times or milestones, which a path summary does not have`, {
      model,
    });
  }
  const journeys: Journey[] = [];
  for (const row of rows) {
    const touchpoints = row.path.map((channel) => ({ channel, timeMs: 0 }));
    if (row.conversions > 0) journeys.push({ touchpoints, converted: true, value: row.value / row.conversions, count: row.conversions });
    if (row.nulls > 0 || row.conversions === 0) journeys.push({ touchpoints, converted: false, value: 0, count: row.nulls });
  }
  return creditRuleBased(model, journeys, 'channel', DEFAULT_HALF_LIFE_MS).toResult(model, dimension);
}
