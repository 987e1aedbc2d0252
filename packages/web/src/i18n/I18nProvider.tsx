import { createContext, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { detectLanguage, directionOf, type Language, saveLanguage } from './languages.ts';
import { createTranslator, type Translator } from './translator.ts';

export interface I18n extends Translator {
  language: Language;
  /** BCP 47 locale for Intl. */
  locale: string;
  dir: 'ltr' | 'rtl';
  setLanguage(language: Language): void;
}

export const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(detectLanguage);
  const dir = directionOf(language);

  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = dir;
  }, [language, dir]);

  const setLanguage = useCallback((next: Language) => {
    saveLanguage(next);
    setLanguageState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({ ...createTranslator(language), language, locale: language, dir, setLanguage }),
    [language, dir, setLanguage],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
