import { formatDate } from '../format/format-value.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { RANGE_PRESETS, type RangeKey } from '../state/date-range.ts';
import { addDays } from '../state/dates.ts';
import { useViewState } from '../state/use-view-state.ts';

export function RangePicker() {
  const { t, locale } = useI18n();
  const [view, update] = useViewState();
  const end = addDays(view.to, -1);
  return (
    <div className="field range-field">
      <label>
        <span className="field-label">{t('controls.range')}</span>
        <select
          data-testid="range"
          value={view.range}
          onChange={(e) => {
            const range = e.target.value as RangeKey;
            update(range === 'custom' ? { range, start: view.from, end } : { range });
          }}
        >
          {RANGE_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {t(`range.${preset}`)}
            </option>
          ))}
          <option value="custom">{t('range.custom')}</option>
        </select>
      </label>
      {view.range === 'custom' ? (
        <span className="custom-range">
          <label>
            <span className="visually-hidden">{t('controls.start')}</span>
            <input
              type="date"
              data-testid="range-start"
              value={view.from}
              max={end}
              onChange={(e) => e.target.value && e.target.value <= end && update({ range: 'custom', start: e.target.value, end })}
            />
          </label>
          <span aria-hidden="true">–</span>
          <label>
            <span className="visually-hidden">{t('controls.end')}</span>
            <input
              type="date"
              data-testid="range-end"
              value={end}
              min={view.from}
              onChange={(e) =>
                e.target.value && e.target.value >= view.from && update({ range: 'custom', start: view.from, end: e.target.value })
              }
            />
          </label>
        </span>
      ) : (
        <span className="range-dates muted" data-testid="range-dates">
          {formatDate(view.from, locale)} – {formatDate(end, locale)}
        </span>
      )}
    </div>
  );
}
