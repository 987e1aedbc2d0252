export { catalogWithCustomMetrics } from './custom-catalog.ts';
export { dialectFor, type RunQueryOptions, runQuery } from './run-query.ts';
