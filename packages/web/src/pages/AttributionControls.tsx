import { useSearchParams } from 'react-router';
import { ATTRIBUTION_CONVERSIONS, ATTRIBUTION_DIMENSIONS, ATTRIBUTION_MODELS } from '../api/types.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import type { AttributionView } from './attribution-state.ts';

/** Model picker (several, side by side), conversion, credit dimension and lookback window. */
export function AttributionControls({ view }: { view: AttributionView }) {
  const { t, dimensionName } = useI18n();
  const [, setParams] = useSearchParams();
  const set = (key: string, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set(key, value);
      return next;
    });
  const toggle = (model: string) => {
    const chosen = new Set<string>(view.models);
    if (chosen.has(model)) chosen.delete(model);
    else chosen.add(model);
    set('models', ATTRIBUTION_MODELS.filter((m) => chosen.has(m)).join(','));
  };
  return (
    <div className="controls attribution-controls">
      <fieldset className="field model-picker">
        <legend className="field-label">{t('attribution.model')}</legend>
        <div className="checkbox-row">
          {ATTRIBUTION_MODELS.map((model) => (
            <label key={model} className="checkbox">
              <input type="checkbox" data-testid={`model-${model}`} checked={view.models.includes(model)} onChange={() => toggle(model)} />
              {t(`model.${model}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="field">
        <span className="field-label">{t('attribution.conversion')}</span>
        <select data-testid="attribution-conversion" value={view.conversion} onChange={(e) => set('conversion', e.target.value)}>
          {ATTRIBUTION_CONVERSIONS.map((c) => (
            <option key={c} value={c}>
              {t(`conversion.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('attribution.by')}</span>
        <select data-testid="attribution-by" value={view.by} onChange={(e) => set('by', e.target.value)}>
          {ATTRIBUTION_DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {dimensionName(d)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('attribution.lookback')}</span>
        <input
          type="number"
          min={1}
          max={365}
          data-testid="attribution-lookback"
          defaultValue={view.lookback}
          onBlur={(e) => set('lookback', e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set('lookback', e.currentTarget.value);
          }}
        />
      </label>
    </div>
  );
}
