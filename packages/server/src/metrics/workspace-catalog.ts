import { type Catalog, type CustomMetricInput, DEFAULT_CATALOG } from '@northstar/core';
import type { MetadataStore } from '../meta/metadata-store.ts';
import { catalogWithCustomMetrics } from './custom-catalog.ts';

/** The built-in catalog plus the custom metrics saved in the workspace's metadata. */
export async function loadWorkspaceCatalog(metadata: MetadataStore): Promise<Catalog> {
  const saved = await metadata.list<CustomMetricInput>('custom_metrics');
  if (saved.length === 0) return DEFAULT_CATALOG;
  return catalogWithCustomMetrics(saved.map((doc) => ({ ...doc.body, id: doc.id })));
}
