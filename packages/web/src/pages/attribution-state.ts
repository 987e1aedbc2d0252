import {
  ATTRIBUTION_CONVERSIONS,
  ATTRIBUTION_DIMENSIONS,
  ATTRIBUTION_MODELS,
  type AttributionConversion,
  type AttributionDimension,
  type AttributionModel,
} from '../api/types.ts';

export interface AttributionView {
  models: AttributionModel[];
  conversion: AttributionConversion;
  by: AttributionDimension;
  lookback: number;
}

const DEFAULT_MODELS: AttributionModel[] = ['first_touch', 'last_non_direct', 'linear', 'markov'];

/** The attribution page's own choices, in the URL beside the global view. */
export function parseAttributionView(params: URLSearchParams): AttributionView {
  const models = (params.get('models') ?? '')
    .split(',')
    .filter((m): m is AttributionModel => (ATTRIBUTION_MODELS as readonly string[]).includes(m));
  const conversion = params.get('conversion');
  const by = params.get('by');
  const lookback = Number(params.get('lookback'));
  return {
    models: params.has('models') ? models : DEFAULT_MODELS,
    conversion: (ATTRIBUTION_CONVERSIONS as readonly string[]).includes(conversion ?? '')
      ? (conversion as AttributionConversion)
      : 'customer',
    by: (ATTRIBUTION_DIMENSIONS as readonly string[]).includes(by ?? '') ? (by as AttributionDimension) : 'channel',
    lookback: Number.isInteger(lookback) && lookback >= 1 && lookback <= 365 ? lookback : 90,
  };
}
