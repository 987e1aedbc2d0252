/** A language's message lookup, KPI and dimension names: what the provider hands to components, and tests use alone. */
import type { Language } from './languages.ts';
import { ar } from './messages/ar.ts';
import { en, type MessageKey, type Messages } from './messages/en.ts';
import { pl } from './messages/pl.ts';
import { ru } from './messages/ru.ts';
import { METRIC_NAMES } from './metric-names.ts';
import { renderMessage, type Vars } from './plural.ts';

const CATALOGS: Record<Language, Messages> = { en, ru, pl, ar };

export interface Translator {
  t(key: MessageKey, vars?: Vars): string;
  /** A KPI's name in the language; the catalog's (English) name where we have none. */
  metricName(id: string, fallback?: string): string;
  /** A dimension's label; the id itself for unknown ones. */
  dimensionName(id: string): string;
}

export function createTranslator(language: Language): Translator {
  const messages = CATALOGS[language];
  const numbers = new Intl.NumberFormat(language);
  const t = (key: MessageKey, vars?: Vars) => renderMessage(messages[key] ?? en[key], language, vars, (n) => numbers.format(n));
  return {
    t,
    metricName: (id, fallback) => METRIC_NAMES[language][id] ?? METRIC_NAMES.en[id] ?? fallback ?? id,
    dimensionName: (id) => {
      const key = `dim.${id}` as MessageKey;
      return key in messages ? t(key) : id;
    },
  };
}
