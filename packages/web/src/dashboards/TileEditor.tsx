import { useState } from 'react';
import { useCatalog } from '../api/hooks.ts';
import { type DashboardTile, VISUALIZATIONS, type Visualization } from '../api/types.ts';
import { useI18n } from '../i18n/use-i18n.ts';

export type TileDraft = Omit<DashboardTile, 'layout' | 'id'>;

interface Props {
  initial?: TileDraft;
  onSubmit(draft: TileDraft): void;
  onCancel(): void;
}

/** Picks a KPI, a visualization, a breakdown and a filter for a tile. */
export function TileEditor({ initial, onSubmit, onCancel }: Props) {
  const { t, metricName, dimensionName } = useI18n();
  const catalog = useCatalog().data ?? [];
  const [metric, setMetric] = useState(initial?.metric ?? '');
  const [viz, setViz] = useState<Visualization>(initial?.viz ?? 'line');
  const [by, setBy] = useState(initial?.by[0] ?? '');
  const [filterDimension, setFilterDimension] = useState(initial?.filters[0]?.dimension ?? '');
  const [filterValue, setFilterValue] = useState(initial?.filters[0]?.value ?? '');
  const [title, setTitle] = useState(initial?.title ?? '');
  const info = catalog.find((m) => m.id === metric);
  const dimensions = info?.dimensions ?? [];
  const isTable = info?.kind === 'table';
  const metrics = [...catalog].sort((a, b) => metricName(a.id, a.name).localeCompare(metricName(b.id, b.name)));
  const submit = () => {
    if (!metric) return;
    const draft: TileDraft = {
      metric,
      viz: isTable ? 'table' : viz,
      by: by && dimensions.includes(by) ? [by] : [],
      filters: filterDimension && filterValue.trim() ? [{ dimension: filterDimension, op: 'equals', value: filterValue.trim() }] : [],
    };
    if (title.trim()) draft.title = title.trim();
    onSubmit(draft);
  };
  return (
    <form
      className="tile-editor"
      data-testid="tile-editor"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="field">
        <span className="field-label">{t('editor.metric')}</span>
        <select data-testid="editor-metric" value={metric} onChange={(e) => setMetric(e.target.value)} required>
          <option value="" disabled>
            —
          </option>
          {metrics.map((m) => (
            <option key={m.id} value={m.id}>
              {metricName(m.id, m.name)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('editor.viz')}</span>
        <select
          data-testid="editor-viz"
          value={isTable ? 'table' : viz}
          disabled={isTable}
          onChange={(e) => setViz(e.target.value as Visualization)}
        >
          {VISUALIZATIONS.map((v) => (
            <option key={v} value={v}>
              {t(`viz.${v}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('editor.by')}</span>
        <select
          data-testid="editor-by"
          value={by}
          onChange={(e) => setBy(e.target.value)}
          disabled={viz === 'number' || dimensions.length === 0}
        >
          <option value="">{t('editor.none')}</option>
          {dimensions.map((d) => (
            <option key={d} value={d}>
              {dimensionName(d)}
            </option>
          ))}
        </select>
      </label>
      <div className="field">
        <span className="field-label">{t('editor.filter')}</span>
        <span className="inline-fields">
          <select
            data-testid="editor-filter-dimension"
            aria-label={t('editor.filter')}
            value={filterDimension}
            onChange={(e) => setFilterDimension(e.target.value)}
          >
            <option value="">{t('editor.none')}</option>
            {dimensions.map((d) => (
              <option key={d} value={d}>
                {dimensionName(d)}
              </option>
            ))}
          </select>
          <input
            data-testid="editor-filter-value"
            aria-label={t('controls.filterValue')}
            value={filterValue}
            disabled={!filterDimension}
            onChange={(e) => setFilterValue(e.target.value)}
          />
        </span>
      </div>
      <label className="field">
        <span className="field-label">{t('editor.title')}</span>
        <input data-testid="editor-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <div className="editor-actions">
        <button type="submit" className="primary" data-testid="editor-submit" disabled={!metric}>
          {initial ? t('editor.update') : t('editor.add')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('editor.cancel')}
        </button>
      </div>
    </form>
  );
}
