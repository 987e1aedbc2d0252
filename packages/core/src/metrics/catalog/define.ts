import type { Direction, SeriesMetricDef, Unit } from '../types.ts';

/** A series metric; additive when its formula is a single count or sum measure. */
export function metric(
  id: string,
  name: string,
  unit: Exclude<Unit, 'table'>,
  direction: Direction,
  formula: string,
  description: string,
  extra: Partial<SeriesMetricDef> = {},
): SeriesMetricDef {
  return { kind: 'series', id, name, unit, direction, formula, description, ...extra };
}
