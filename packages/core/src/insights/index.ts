export * from './insight-rules.ts';
