import { type ReactNode, useState } from 'react';
import { useI18n } from '../i18n/use-i18n.ts';
import { SideNav } from './SideNav.tsx';
import { TopBar } from './TopBar.tsx';

/** Top bar, the page list (a drawer on phones) and the page. */
export function AppShell({ children }: { children: ReactNode }) {
  const [navOpen, setNavOpen] = useState(false);
  const { t } = useI18n();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <TopBar navOpen={navOpen} onToggleNav={() => setNavOpen((open) => !open)} />
      <SideNav open={navOpen} onNavigate={() => setNavOpen(false)} />
      {navOpen && <button type="button" className="nav-backdrop" aria-label={t('nav.close')} onClick={() => setNavOpen(false)} />}
      <main id="main" className="main">
        {children}
      </main>
    </div>
  );
}
