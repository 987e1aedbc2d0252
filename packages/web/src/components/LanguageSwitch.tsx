import { isLanguage, LANGUAGES } from '../i18n/languages.ts';
import { useI18n } from '../i18n/use-i18n.ts';

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <label className="compact-field">
      <span className="visually-hidden">{t('controls.language')}</span>
      <select
        data-testid="language"
        value={language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) setLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
