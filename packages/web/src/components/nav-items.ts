import type { MessageKey } from '../i18n/messages/en.ts';

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/overview', label: 'nav.overview', icon: '◎' },
  { path: '/acquisition', label: 'nav.acquisition', icon: '↘' },
  { path: '/conversion', label: 'nav.conversion', icon: '✓' },
  { path: '/funnel', label: 'nav.funnel', icon: '▽' },
  { path: '/revenue', label: 'nav.revenue', icon: '¤' },
  { path: '/attribution', label: 'nav.attribution', icon: '⇄' },
  { path: '/social', label: 'nav.social', icon: '♥' },
  { path: '/customers', label: 'nav.customers', icon: '☺' },
  { path: '/events', label: 'nav.events', icon: '▣' },
  { path: '/seo', label: 'nav.seo', icon: '⌕' },
  { path: '/experiments', label: 'nav.experiments', icon: '⚗' },
  { path: '/dashboards', label: 'nav.dashboards', icon: '▦' },
  { path: '/goals', label: 'nav.goals', icon: '⚑' },
  { path: '/reports', label: 'nav.reports', icon: '✉' },
  { path: '/alerts', label: 'nav.alerts', icon: '⚠' },
];
