import type { Grain } from '../api/types.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { useViewState } from '../state/use-view-state.ts';

const CHOICES: readonly Grain[] = ['day', 'week', 'month', 'quarter', 'year'];

export function GrainSelect() {
  const { t } = useI18n();
  const [view, update] = useViewState();
  return (
    <label className="field">
      <span className="field-label">{t('controls.grain')}</span>
      <select data-testid="grain" value={view.grain} onChange={(e) => update({ grain: e.target.value as Grain })}>
        {CHOICES.map((grain) => (
          <option key={grain} value={grain}>
            {t(`grain.${grain}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
