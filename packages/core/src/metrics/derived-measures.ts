/**
 * Measures read from a derived table the engine keeps up to date on load, where that gives the
 * same values more cheaply: only for queries without dimensions or filters (the derived tables
 * hold no dimension columns), and for tables of rounded times only when every bucket starts on
 * a rounded instant.
 */
import { bucketsOf, localMidnightUtc } from './periods.ts';
import type { QueryPlan } from './plan-query.ts';
import type { MeasureDef } from './types.ts';

/** Every bucket start and range end of the plan, as a UTC instant, is a whole multiple of `seconds`. */
function bucketsAligned(plan: QueryPlan, seconds: number): boolean {
  const ranges = [plan.range, ...(plan.comparison ? [plan.comparison.range] : [])];
  const days = ranges.flatMap((r) => [...bucketsOf(r, plan.grain).map((b) => b.from), r.to]);
  return days.every((day) => Date.parse(`${localMidnightUtc(day, plan.timezone).replace(' ', 'T')}Z`) % (seconds * 1000) === 0);
}

/** The plan's measures, each as it is best computed given the derived tables the engine keeps. */
export function resolveDerivedMeasures(plan: QueryPlan, derivedTables: ReadonlySet<string>): MeasureDef[] {
  const plain = plan.dimensions.length === 0 && plan.filters.length === 0;
  return plan.measures.map((m) => {
    if (!m.derived || !plain || !derivedTables.has(m.derived.table)) return m;
    if (m.derived.alignedSeconds && !bucketsAligned(plan, m.derived.alignedSeconds)) return m;
    const { source, time, aggregate, where } = m.derived;
    return { id: m.id, description: m.description, source, time, aggregate, ...(where ? { where } : {}) };
  });
}
