/**
 * Workspace-defined metrics: a formula over existing measures and metrics, or a count (or sum of
 * `value`) of events of a type and name with filters. Parsing collects every problem with a
 * dotted path (`metrics.demo_rate.formula: …`) so one bad entry does not hide the others.
 */
import { EVENT_TYPES } from '../inputs/kinds.ts';
import { formulaReferences, parseFormula } from './formula.ts';
import type { Catalog, Condition, Direction, MeasureDef, SeriesMetricDef, Unit } from './types.ts';
import { UNITS } from './types.ts';

export interface CustomMetricInput {
  id?: unknown;
  name?: unknown;
  description?: unknown;
  unit?: unknown;
  direction?: unknown;
  formula?: unknown;
  count?: unknown;
  sum?: unknown;
}

export interface CustomMetricError {
  path: string;
  message: string;
}

export interface CustomMetrics {
  measures: MeasureDef[];
  metrics: SeriesMetricDef[];
}

const ID_RE = /^[a-z][a-z0-9_]{1,63}$/;
const DIRECTIONS: readonly Direction[] = ['up', 'down', 'none'];
const EVENT_SOURCE = 'event_rows';

type EventSelection = { event_type?: unknown; name?: unknown; filters?: unknown };

function eventConditions(catalog: Catalog, selection: unknown, path: string, errors: CustomMetricError[]): Condition[] {
  if (typeof selection !== 'object' || selection === null) {
    errors.push({ path, message: 'expected an object { event_type?, name?, filters? }' });
    return [];
  }
  const { event_type, name, filters } = selection as EventSelection;
  const conditions: Condition[] = [];
  if (event_type !== undefined) {
    if (typeof event_type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(event_type)) {
      errors.push({ path: `${path}.event_type`, message: `expected one of ${EVENT_TYPES.join(', ')}` });
    } else conditions.push({ column: 'type', op: 'eq', value: event_type });
  }
  if (name !== undefined) {
    if (typeof name !== 'string' || name === '') errors.push({ path: `${path}.name`, message: 'expected a non-empty string' });
    else conditions.push({ column: 'name', op: 'eq', value: name });
  }
  const dimensions = catalog.sources.get(EVENT_SOURCE)?.dimensions ?? {};
  if (filters !== undefined && !Array.isArray(filters)) errors.push({ path: `${path}.filters`, message: 'expected a list' });
  (Array.isArray(filters) ? filters : []).forEach((filter: unknown, i) => {
    const at = `${path}.filters.${i}`;
    const f = (filter ?? {}) as { dimension?: unknown; op?: unknown; value?: unknown; values?: unknown };
    const column = typeof f.dimension === 'string' ? dimensions[f.dimension] : undefined;
    if (!column) {
      errors.push({
        path: `${at}.dimension`,
        message: `unknown dimension '${String(f.dimension)}' (allowed: ${Object.keys(dimensions).join(', ')})`,
      });
      return;
    }
    const op = f.op ?? 'equals';
    if ((op === 'equals' || op === 'contains') && typeof f.value === 'string') {
      conditions.push(op === 'equals' ? { column, op: 'eq', value: f.value } : { column, op: 'contains', value: f.value });
    } else if (op === 'in' && Array.isArray(f.values) && f.values.length > 0 && f.values.every((v) => typeof v === 'string')) {
      conditions.push({ column, op: 'in', values: f.values as string[] });
    } else {
      errors.push({ path: at, message: "expected { dimension, op: 'equals' | 'contains', value } or { dimension, op: 'in', values }" });
    }
  });
  if (conditions.length === 0 && errors.length === 0) errors.push({ path, message: 'select events by event_type, name or filters' });
  return conditions;
}

/** Validates custom metrics against the catalog (and the ones before them in the list). */
export function parseCustomMetrics(
  catalog: Catalog,
  inputs: readonly CustomMetricInput[],
): { value?: CustomMetrics; errors: CustomMetricError[] } {
  const errors: CustomMetricError[] = [];
  const measures: MeasureDef[] = [];
  const metrics: SeriesMetricDef[] = [];
  const known = new Set([...catalog.measures.keys(), ...catalog.metrics.keys()]);
  inputs.forEach((input, index) => {
    const id = typeof input.id === 'string' ? input.id : undefined;
    const path = `metrics.${id ?? index}`;
    const mine: CustomMetricError[] = [];
    if (!id || !ID_RE.test(id))
      mine.push({ path: `${path}.id`, message: 'expected snake_case: a lowercase letter, then letters, digits or _' });
    else if (known.has(id)) mine.push({ path: `${path}.id`, message: `'${id}' is already a metric or measure` });
    if (input.name !== undefined && typeof input.name !== 'string') mine.push({ path: `${path}.name`, message: 'expected a string' });
    const unit = input.unit ?? 'count';
    if (typeof unit !== 'string' || !UNITS.includes(unit as Unit) || unit === 'table') {
      mine.push({ path: `${path}.unit`, message: `expected one of ${UNITS.filter((u) => u !== 'table').join(', ')}` });
    }
    const direction = input.direction ?? 'up';
    if (!DIRECTIONS.includes(direction as Direction))
      mine.push({ path: `${path}.direction`, message: `expected one of ${DIRECTIONS.join(', ')}` });
    const kinds = (['formula', 'count', 'sum'] as const).filter((k) => input[k] !== undefined);
    if (kinds.length !== 1) mine.push({ path, message: 'give exactly one of formula, count or sum' });
    let formula: string | undefined;
    let measure: MeasureDef | undefined;
    if (kinds.length === 1 && input.formula !== undefined) {
      if (typeof input.formula !== 'string') mine.push({ path: `${path}.formula`, message: 'expected a string' });
      else {
        const parsed = parseFormula(input.formula);
        for (const e of parsed.errors) mine.push({ path: `${path}.formula`, message: e });
        for (const ref of parsed.value ? formulaReferences(parsed.value) : []) {
          if (!known.has(ref)) mine.push({ path: `${path}.formula`, message: `unknown measure or metric '${ref}'` });
        }
        formula = input.formula;
      }
    } else if (kinds.length === 1 && id) {
      const kind = kinds[0] as 'count' | 'sum';
      const where = eventConditions(catalog, input[kind], `${path}.${kind}`, mine);
      measure = {
        id: `${id}__events`,
        description: `${kind} of selected events`,
        source: EVENT_SOURCE,
        time: 'ts',
        aggregate: kind === 'count' ? { fn: 'count' } : { fn: 'sum', column: 'value' },
        where,
      };
    }
    errors.push(...mine);
    if (mine.length > 0 || !id) return;
    const description = typeof input.description === 'string' ? input.description : 'Custom metric.';
    const name = typeof input.name === 'string' ? input.name : id;
    const def: SeriesMetricDef = {
      kind: 'series',
      id,
      name,
      description,
      unit: unit as SeriesMetricDef['unit'],
      direction: direction as Direction,
      formula: formula ?? `${id}__events`,
    };
    if (measure) {
      measures.push(measure);
      def.additive = true;
      known.add(measure.id);
    }
    metrics.push(def);
    known.add(id);
  });
  return errors.length > 0 ? { errors } : { value: { measures, metrics }, errors };
}
