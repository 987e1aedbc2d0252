import { useId, useState } from 'react';
import { useMetricQuery } from '../api/hooks.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { focusOnMount } from '../lib/focus-on-mount.ts';
import { useViewState } from '../state/use-view-state.ts';
import type { FilterDimension } from '../state/view-state.ts';

/** The KPI whose breakdown lists a dimension's values, to suggest them. */
const VALUES_FROM: Record<FilterDimension, string> = {
  channel: 'sessions',
  source: 'sessions',
  campaign: 'sessions',
  device: 'sessions',
  country: 'sessions',
  landing_page: 'sessions',
  owner: 'sales_revenue',
};

export function FilterValueInput({ dimension, onApply }: { dimension: FilterDimension; onApply(value: string): void }) {
  const { t, dimensionName } = useI18n();
  const [view] = useViewState();
  const [value, setValue] = useState('');
  const listId = useId();
  const metric = VALUES_FROM[dimension];
  const suggestions = useMetricQuery({ metrics: [metric], by: [dimension], grain: 'all', from: view.from, to: view.to, limit: 100 });
  const values = (suggestions.data?.rows ?? [])
    .slice()
    .sort((a, b) => Number(b[metric] ?? 0) - Number(a[metric] ?? 0))
    .map((row) => String(row[dimension] ?? ''))
    .filter((v) => v !== '');
  return (
    <form
      className="filter-value"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onApply(value.trim());
      }}
    >
      <input
        data-testid="filter-value"
        list={listId}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={dimensionName(dimension)}
        aria-label={`${dimensionName(dimension)}: ${t('controls.filterValue')}`}
        ref={focusOnMount}
      />
      <datalist id={listId}>
        {values.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
      <button type="submit" data-testid="filter-apply">
        {t('controls.apply')}
      </button>
    </form>
  );
}
