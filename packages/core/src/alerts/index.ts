export * from './alert-rule.ts';
export * from './alert-window.ts';
export * from './anomaly.ts';
