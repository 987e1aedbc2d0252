import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { inviteUser, ROLES, type Role } from '../api/accounts.ts';
import { useI18n } from '../i18n/use-i18n.ts';

export function InviteForm({ onTemporaryPassword }: { onTemporaryPassword(secret: { email: string; password: string }): void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const invite = useMutation({
    mutationFn: () => inviteUser(email.trim(), role),
    onSuccess: (answer) => {
      if (answer.temporaryPassword) onTemporaryPassword({ email: answer.user.email, password: answer.temporaryPassword });
      setEmail('');
      void client.invalidateQueries({ queryKey: ['users'] });
    },
  });
  return (
    <form
      className="inline-fields invite-form"
      onSubmit={(e) => {
        e.preventDefault();
        invite.mutate();
      }}
    >
      <input
        data-testid="invite-email"
        type="email"
        required
        placeholder={t('auth.email')}
        aria-label={t('auth.email')}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <select data-testid="invite-role" aria-label={t('users.role')} value={role} onChange={(e) => setRole(e.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="primary" data-testid="invite-submit" disabled={invite.isPending}>
        {t('users.invite')}
      </button>
      {invite.error && (
        <span role="alert" className="banner banner-error">
          {invite.error.message}
        </span>
      )}
    </form>
  );
}
