import { NavLink, useLocation } from 'react-router';
import { useI18n } from '../i18n/use-i18n.ts';
import { NAV_ITEMS } from './nav-items.ts';

/** The page list; links keep the view's query string so range and filters follow the user. */
export function SideNav({ open, onNavigate }: { open: boolean; onNavigate(): void }) {
  const { t } = useI18n();
  const { search, pathname } = useLocation();
  return (
    <nav id="side-nav" className={`side-nav${open ? ' open' : ''}`} aria-label={t('nav.menu')}>
      <ul>
        {NAV_ITEMS.map((item) => (
          <li key={item.path}>
            <NavLink
              to={{ pathname: item.path, search }}
              onClick={onNavigate}
              className={({ isActive }) => (isActive || (item.path === '/overview' && pathname === '/') ? 'active' : undefined)}
              aria-current={item.path === '/overview' && pathname === '/' ? 'page' : undefined}
            >
              <span className="nav-icon" aria-hidden="true">
                {item.icon}
              </span>
              {t(item.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
