export * from './goal.ts';
export * from './pace.ts';
