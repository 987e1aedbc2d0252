import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { type AuthState, logout } from '../api/accounts.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { ME_KEY, useAuth } from './use-auth.ts';

/** The signed-in user (enforced mode only): account, users and delivery settings (admins), sign out. */
export function UserMenu() {
  const { t } = useI18n();
  const client = useQueryClient();
  const me = useAuth().data;
  if (!me?.user) return null;
  const signOut = async () => {
    await logout().catch(() => undefined);
    // The login page replaces the app; nothing read under this session may be shown to the next one.
    client.setQueryData<AuthState>(ME_KEY, (state) => (state ? { ...state, user: null } : state));
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' && query.queryKey[0] !== 'health' });
  };
  return (
    <details className="user-menu" data-testid="user-menu">
      <summary data-testid="user-menu-toggle">{me.user.email}</summary>
      <div className="user-menu-items">
        <span className="muted">{t(`role.${me.user.role ?? 'viewer'}`)}</span>
        <Link to="/account">{t('auth.changePassword')}</Link>
        {me.user.role === 'admin' && <Link to="/users">{t('users.title')}</Link>}
        {me.user.role === 'admin' && <Link to="/workspaces">{t('workspaces.title')}</Link>}
        {me.user.role === 'admin' && <Link to="/alerts/delivery">{t('alerts.deliverySettings')}</Link>}
        <button type="button" data-testid="logout" onClick={() => void signOut()}>
          {t('auth.logout')}
        </button>
      </div>
    </details>
  );
}
