import { useMemo } from 'react';
import { useHealth } from '../api/hooks.ts';
import type { Cell, Unit } from '../api/types.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { type FormatContext, formatValue } from './format-value.ts';

export interface Formatter extends FormatContext {
  format(value: Cell | undefined, unit: Unit, metric?: string): string;
}

/** Formats in the chosen language, with money in the workspace's reporting currency. */
export function useFormat(): Formatter {
  const { locale } = useI18n();
  const currency = useHealth().data?.workspace?.currency ?? 'USD';
  return useMemo(() => {
    const context = { locale, currency };
    return { ...context, format: (value, unit, metric) => formatValue(value, unit, context, metric) };
  }, [locale, currency]);
}
