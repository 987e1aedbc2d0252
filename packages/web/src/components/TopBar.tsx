import { Link } from 'react-router';
import { UserMenu } from '../accounts/UserMenu.tsx';
import { WorkspaceSwitch } from '../accounts/WorkspaceSwitch.tsx';
import { useHealth } from '../api/hooks.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { ThemeSwitch } from './ThemeSwitch.tsx';

export function TopBar({ navOpen, onToggleNav }: { navOpen: boolean; onToggleNav(): void }) {
  const { t } = useI18n();
  const workspace = useHealth().data?.workspace;
  return (
    <header className="top-bar">
      <button
        type="button"
        className="nav-toggle"
        aria-expanded={navOpen}
        aria-controls="side-nav"
        onClick={onToggleNav}
        aria-label={navOpen ? t('nav.close') : t('nav.menu')}
      >
        ☰
      </button>
      <Link to="/" className="brand">
        <span aria-hidden="true">✦</span> Northstar
      </Link>
      {workspace && (
        <span className="workspace muted" data-testid="workspace">
          {workspace.name} · {workspace.currency}
        </span>
      )}
      <div className="top-bar-end">
        <WorkspaceSwitch />
        <LanguageSwitch />
        <ThemeSwitch />
        <UserMenu />
      </div>
    </header>
  );
}
