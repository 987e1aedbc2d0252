import type { Theme } from './ThemeProvider.tsx';

/** Chart colours per theme; the CSS variables in styles/theme.css use the same values. */
export const PALETTE: Record<Theme, { series: string[]; text: string; muted: string; grid: string; background: string }> = {
  light: {
    series: ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#06b6d4', '#ec4899', '#84cc16', '#64748b', '#f97316'],
    text: '#1e293b',
    muted: '#64748b',
    grid: '#e2e8f0',
    background: '#ffffff',
  },
  dark: {
    series: ['#60a5fa', '#fbbf24', '#34d399', '#f87171', '#a78bfa', '#22d3ee', '#f472b6', '#a3e635', '#94a3b8', '#fb923c'],
    text: '#e2e8f0',
    muted: '#94a3b8',
    grid: '#334155',
    background: '#0f172a',
  },
};
