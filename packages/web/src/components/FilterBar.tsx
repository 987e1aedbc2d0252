import { useState } from 'react';
import { useI18n } from '../i18n/use-i18n.ts';
import { useViewState } from '../state/use-view-state.ts';
import { FILTER_DIMENSIONS, type FilterDimension } from '../state/view-state.ts';
import { FilterValueInput } from './FilterValueInput.tsx';

/** Active filters as removable chips, and a form to add one (dimension, then a value). */
export function FilterBar() {
  const { t, dimensionName } = useI18n();
  const [view, update] = useViewState();
  const [dimension, setDimension] = useState<FilterDimension | ''>('');
  const active = Object.entries(view.filters) as Array<[FilterDimension, string]>;
  return (
    <div className="field filter-bar">
      <span className="field-label">{t('controls.filters')}</span>
      <div className="filter-row">
        {active.map(([dim, value]) => (
          <span key={dim} className="chip" data-testid={`filter-chip-${dim}`}>
            <span className="muted">{dimensionName(dim)}:</span> <bdi>{value}</bdi>
            <button
              type="button"
              className="chip-remove"
              aria-label={t('controls.removeFilter', { name: dimensionName(dim) })}
              onClick={() => update({ filters: { [dim]: null } })}
            >
              ×
            </button>
          </span>
        ))}
        <select
          data-testid="filter-dimension"
          aria-label={t('controls.addFilter')}
          value={dimension}
          onChange={(e) => setDimension(e.target.value as FilterDimension | '')}
        >
          <option value="">+ {t('controls.addFilter')}</option>
          {FILTER_DIMENSIONS.map((dim) => (
            <option key={dim} value={dim}>
              {dimensionName(dim)}
            </option>
          ))}
        </select>
        {dimension && (
          <FilterValueInput
            dimension={dimension}
            onApply={(value) => {
              update({ filters: { [dimension]: value } });
              setDimension('');
            }}
          />
        )}
      </div>
    </div>
  );
}
