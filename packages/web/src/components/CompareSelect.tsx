import { useI18n } from '../i18n/use-i18n.ts';
import { useViewState } from '../state/use-view-state.ts';
import type { ViewState } from '../state/view-state.ts';

const CHOICES: ReadonlyArray<ViewState['compare']> = ['previous', 'year', 'none'];

export function CompareSelect() {
  const { t } = useI18n();
  const [view, update] = useViewState();
  return (
    <label className="field">
      <span className="field-label">{t('controls.compare')}</span>
      <select data-testid="compare" value={view.compare} onChange={(e) => update({ compare: e.target.value as ViewState['compare'] })}>
        {CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {t(`compare.${choice}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
