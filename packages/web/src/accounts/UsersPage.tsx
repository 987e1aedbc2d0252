import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listUsers } from '../api/accounts.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { InviteForm } from './InviteForm.tsx';
import { UserRow } from './UserRow.tsx';

export const USERS_KEY = ['users'] as const;

/** Admins: the workspace's users, invite with a role, change role, reset a password, remove. */
export function UsersPage() {
  const { t } = useI18n();
  const users = useQuery({ queryKey: USERS_KEY, queryFn: ({ signal }) => listUsers(signal) });
  // A generated password is shown once, to hand over to the user.
  const [secret, setSecret] = useState<{ email: string; password: string } | null>(null);
  return (
    <div className="page" data-page="users">
      <PageHeader title={t('users.title')} />
      <InviteForm onTemporaryPassword={setSecret} />
      {secret && (
        <p className="banner banner-warning" data-testid="temporary-password">
          {t('users.temporaryPassword', { email: secret.email })} <code>{secret.password}</code>
        </p>
      )}
      {users.error && (
        <p role="alert" className="banner banner-error">
          {users.error.message}
        </p>
      )}
      <table className="data-table users-table" data-testid="users-table">
        <thead>
          <tr>
            <th>{t('auth.email')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.map((user) => (
            <UserRow key={user.id} user={user} onTemporaryPassword={setSecret} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
