import { createContext, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { detectLanguage, directionOf, type Language, saveLanguage } from './languages.ts';
import { ar } from './messages/ar.ts';
import { en, type MessageKey, type Messages } from './messages/en.ts';
import { pl } from './messages/pl.ts';
import { ru } from './messages/ru.ts';
import { METRIC_NAMES } from './metric-names.ts';
import { renderMessage, type Vars } from './plural.ts';

const CATALOGS: Record<Language, Messages> = { en, ru, pl, ar };

export interface I18n {
  language: Language;
  /** BCP 47 locale for Intl. */
  locale: string;
  dir: 'ltr' | 'rtl';
  t(key: MessageKey, vars?: Vars): string;
  /** A KPI's name in the language; the catalog's (English) name where we have none. */
  metricName(id: string, fallback?: string): string;
  /** A dimension's label; the id itself for unknown ones. */
  dimensionName(id: string): string;
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

  const value = useMemo<I18n>(() => {
    const messages = CATALOGS[language];
    const numbers = new Intl.NumberFormat(language);
    const t = (key: MessageKey, vars?: Vars) => renderMessage(messages[key] ?? en[key], language, vars, (n) => numbers.format(n));
    return {
      language,
      locale: language,
      dir,
      t,
      metricName: (id, fallback) => METRIC_NAMES[language][id] ?? METRIC_NAMES.en[id] ?? fallback ?? id,
      dimensionName: (id) => {
        const key = `dim.${id}` as MessageKey;
        return key in messages ? t(key) : id;
      },
      setLanguage,
    };
  }, [language, dir, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
