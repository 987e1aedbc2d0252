import { useMutation, useQueryClient } from '@tanstack/react-query';
import { changeRole, ROLES, type Role, removeUser, resetPassword, type UserInfo } from '../api/accounts.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { useAuth } from './use-auth.ts';

export function UserRow({
  user,
  onTemporaryPassword,
}: {
  user: UserInfo;
  onTemporaryPassword(secret: { email: string; password: string }): void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const self = useAuth().data?.user?.id === user.id;
  const refresh = () => client.invalidateQueries({ queryKey: ['users'] });
  const role = useMutation({ mutationFn: (next: Role) => changeRole(user.id, next), onSettled: refresh });
  const remove = useMutation({ mutationFn: () => removeUser(user.id), onSuccess: refresh });
  const reset = useMutation({
    mutationFn: () => resetPassword(user.id),
    onSuccess: (answer) => {
      if (answer.temporaryPassword) onTemporaryPassword({ email: user.email, password: answer.temporaryPassword });
    },
  });
  const error = role.error ?? remove.error ?? reset.error;
  return (
    <tr data-testid={`user-${user.email}`}>
      <td>{user.email}</td>
      <td>
        <select
          data-testid="user-role"
          aria-label={t('users.role')}
          value={user.role ?? 'viewer'}
          disabled={self || role.isPending}
          onChange={(e) => role.mutate(e.target.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td className="row-actions">
        <button type="button" data-testid="user-reset" disabled={self} onClick={() => reset.mutate()}>
          {t('users.resetPassword')}
        </button>
        <button
          type="button"
          className="danger"
          data-testid="user-remove"
          disabled={self}
          onClick={() => {
            if (window.confirm(t('users.confirmRemove', { email: user.email }))) remove.mutate();
          }}
        >
          {t('users.remove')}
        </button>
        {error && (
          <span role="alert" className="error-text">
            {error.message}
          </span>
        )}
      </td>
    </tr>
  );
}
