export { attribute, attributePaths, compareModels, isAttributionModel } from './attribute.ts';
export { MAX_MARKOV_ORDER } from './markov.ts';
export { type PathSummaryParse, parsePathSummary } from './path-summary.ts';
export { DEFAULT_HALF_LIFE_MS, ruleWeights } from './rule-weights.ts';
export { isDirectChannel } from './touches.ts';
export * from './types.ts';
