import { useContext } from 'react';
import { ThemeContext, type ThemeState } from './ThemeProvider.tsx';

export function useTheme(): ThemeState {
  const state = useContext(ThemeContext);
  if (!state) throw new Error('useTheme outside ThemeProvider');
  return state;
}
