import { useI18n } from '../i18n/use-i18n.ts';
import type { ThemeChoice } from '../theme/ThemeProvider.tsx';
import { useTheme } from '../theme/use-theme.ts';

const CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

export function ThemeSwitch() {
  const { t } = useI18n();
  const { choice, setChoice } = useTheme();
  return (
    <label className="compact-field">
      <span className="visually-hidden">{t('controls.theme')}</span>
      <select data-testid="theme" value={choice} onChange={(e) => setChoice(e.target.value as ThemeChoice)}>
        {CHOICES.map((c) => (
          <option key={c} value={c}>
            {t(`theme.${c}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
