import { useContext } from 'react';
import { type I18n, I18nContext } from './I18nProvider.tsx';

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
