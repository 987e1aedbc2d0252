export * from './errors/app-error.ts';
export * from './inputs/kinds.ts';
export * from './inputs/parse-value.ts';
export * from './inputs/validate-row.ts';
export * from './schema/tables.ts';
