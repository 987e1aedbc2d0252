import { AppError, type Catalog, type CustomMetricInput, createCatalog, DEFAULT_CATALOG, parseCustomMetrics } from '@northstar/core';

/** The built-in catalog plus a workspace's custom metrics; invalid definitions are a 400 naming each field. */
export function catalogWithCustomMetrics(inputs: readonly CustomMetricInput[]): Catalog {
  const parsed = parseCustomMetrics(DEFAULT_CATALOG, inputs);
  if (!parsed.value) {
    const first = parsed.errors[0];
    throw new AppError('validation', `invalid custom metric: ${first?.path}: ${first?.message}`, { errors: parsed.errors });
  }
  return createCatalog(parsed.value);
}
