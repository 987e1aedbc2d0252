/** One touch of a journey: a session (or interaction) before the conversion. */
export interface Touchpoint {
  channel: string;
  /** Epoch milliseconds. Touches are ordered by time; ties keep their input order. */
  timeMs: number;
  source?: string;
  campaign?: string;
  landingPage?: string;
  /** The page (content) the touch is credited to, when attributing by content. */
  content?: string;
  /** Overrides the default "channel is Direct" test used by last non-direct touch. */
  isDirect?: boolean;
  /** Milestone flags for the HubSpot-style models (u_shaped_milestone, w_shaped, full_path). */
  isLeadCreation?: boolean;
  isOpportunityCreation?: boolean;
  isClose?: boolean;
}

export interface Journey {
  touchpoints: readonly Touchpoint[];
  converted: boolean;
  conversionTimeMs?: number;
  /** Credit of one conversion: 1 for counted conversions, the amount for won deals. */
  value: number;
  /** How many identical journeys this one stands for (path summaries); default 1. */
  count?: number;
}

export const RULE_MODELS = [
  'first_touch',
  'last_touch',
  'last_non_direct',
  'linear',
  'time_decay',
  'u_shaped',
  'u_shaped_milestone',
  'w_shaped',
  'full_path',
  'j_shaped',
  'inverse_j',
] as const;
export const DATA_DRIVEN_MODELS = ['markov', 'shapley'] as const;
export const ATTRIBUTION_MODELS = [...RULE_MODELS, ...DATA_DRIVEN_MODELS] as const;

export type RuleModel = (typeof RULE_MODELS)[number];
export type DataDrivenModel = (typeof DATA_DRIVEN_MODELS)[number];
export type AttributionModel = RuleModel | DataDrivenModel;

/** Which touch field credit is keyed by. */
export const ATTRIBUTION_DIMENSIONS = ['channel', 'source', 'campaign', 'landingPage', 'content'] as const;
export type AttributionDimension = (typeof ATTRIBUTION_DIMENSIONS)[number];

/** Key of journeys without touches. */
export const NO_TOUCH_KEY = '(none)';
/** Key of touches whose dimension value is empty. */
export const NOT_SET_KEY = '(not set)';

export interface ShapleyOptions {
  /** 'exact' (default) uses the closed form; 'sampled' averages random permutations. */
  method?: 'exact' | 'sampled';
  /** Permutations for 'sampled'; default 1000. */
  samples?: number;
  /** Seed of the permutation generator, so a sampled run can be repeated; default 1. */
  seed?: number;
}

export interface AttributionOptions {
  dimension?: AttributionDimension;
  /** Time decay half-life; default 7 days. */
  halfLifeMs?: number;
  /** Markov chain order (states are the last k keys); default 1. */
  markovOrder?: number;
  shapley?: ShapleyOptions;
}

export interface AttributionRow {
  key: string;
  conversions: number;
  value: number;
}

export interface RemovalEffect {
  key: string;
  /** 1 − P(conversion with the key removed) / P(conversion), in [0, 1]. */
  effect: number;
}

export interface MarkovDetails {
  kind: 'markov';
  order: number;
  /** P(conversion) of the fitted chain, from (start). */
  conversionProbability: number;
  removalEffects: RemovalEffect[];
  /** Transient states (observed k-tuples) and non-zero transitions between them. */
  states: number;
  transitions: number;
  /** How the absorption system was solved ('dense' also when Gauss–Seidel fell back to it). */
  solver: 'dense' | 'gauss-seidel';
}

export interface ShapleyInterval {
  key: string;
  conversions: [number, number];
  value: [number, number];
}

export interface ShapleyDetails {
  kind: 'shapley';
  method: 'exact' | 'sampled';
  /** Keys that appear in at least one converting journey. */
  players: number;
  samples?: number;
  seed?: number;
  /** 95% confidence intervals of the sampled estimate (normal approximation). */
  intervals?: ShapleyInterval[];
}

export type AttributionDetails = MarkovDetails | ShapleyDetails;

export interface AttributionResult {
  model: AttributionModel;
  dimension: AttributionDimension;
  /** Every key seen in the input, most credited first. */
  rows: AttributionRow[];
  totalConversions: number;
  totalValue: number;
  details?: AttributionDetails;
}

/** One row of a path summary, as the ChannelAttribution package takes it. */
export interface PathSummaryRow {
  path: string[];
  conversions: number;
  nulls: number;
  value: number;
}
