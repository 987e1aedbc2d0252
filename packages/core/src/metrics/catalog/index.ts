/**
 * The KPI catalog: every metric of KPIS.md (plus the helper metrics their tables and formulas
 * use), the measures they are built from and the sources those read.
 */
import { CONTACT_SOURCES } from '../sources/contacts.ts';
import { OTHER_SOURCES } from '../sources/other.ts';
import { SALES_SOURCES } from '../sources/sales.ts';
import { WEB_SOURCES } from '../sources/web.ts';
import type { Catalog, MeasureDef, MetricDef, SourceDef } from '../types.ts';
import { CONVERSION_METRICS } from './conversion.ts';
import { FUNNEL_METRICS } from './funnel.ts';
import { CRM_MEASURES } from './measures-crm.ts';
import { OTHER_MEASURES } from './measures-other.ts';
import { WEB_MEASURES } from './measures-web.ts';
import { REVENUE_METRICS } from './revenue.ts';
import { SOCIAL_CUSTOMER_METRICS } from './social-customer.ts';
import { TABLE_COLUMN_METRICS, TABLE_METRICS } from './tables.ts';
import { TRAFFIC_METRICS } from './traffic.ts';

export const BUILTIN_SOURCES: readonly SourceDef[] = [...WEB_SOURCES, ...CONTACT_SOURCES, ...SALES_SOURCES, ...OTHER_SOURCES];
export const BUILTIN_MEASURES: readonly MeasureDef[] = [...WEB_MEASURES, ...CRM_MEASURES, ...OTHER_MEASURES];
export const BUILTIN_METRICS: readonly MetricDef[] = [
  ...TRAFFIC_METRICS,
  ...CONVERSION_METRICS,
  ...FUNNEL_METRICS,
  ...REVENUE_METRICS,
  ...SOCIAL_CUSTOMER_METRICS,
  ...TABLE_COLUMN_METRICS,
  ...TABLE_METRICS,
];

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.id)) throw new Error(`duplicate catalog id '${item.id}'`);
    map.set(item.id, item);
  }
  return map;
}

/** The built-in catalog, with a workspace's own measures and metrics added. */
export function createCatalog(extra: { measures?: readonly MeasureDef[]; metrics?: readonly MetricDef[] } = {}): Catalog {
  return {
    sources: byId(BUILTIN_SOURCES),
    measures: byId([...BUILTIN_MEASURES, ...(extra.measures ?? [])]),
    metrics: byId([...BUILTIN_METRICS, ...(extra.metrics ?? [])]),
  };
}

export const DEFAULT_CATALOG: Catalog = createCatalog();
