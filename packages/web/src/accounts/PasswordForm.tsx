import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { changePassword } from '../api/accounts.ts';
import { useI18n } from '../i18n/use-i18n.ts';

/** Change the signed-in user's password; `required` after a temporary one. The server ends the other sessions. */
export function PasswordForm({ required = false, onDone }: { required?: boolean; onDone(): void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const save = useMutation({ mutationFn: () => changePassword(current, next), onSuccess: onDone });
  return (
    <form
      className="auth-form tile"
      data-testid="password-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2>{t('auth.changePassword')}</h2>
      {required && <p className="muted">{t('auth.mustChange')}</p>}
      <label className="field">
        <span className="field-label">{t('auth.currentPassword')}</span>
        <input
          data-testid="password-current"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('auth.newPassword')}</span>
        <input
          data-testid="password-new"
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
      </label>
      {save.error && (
        <p role="alert" className="banner banner-error">
          {save.error.message}
        </p>
      )}
      {save.isSuccess && <p className="banner">{t('auth.passwordChanged')}</p>}
      <button type="submit" className="primary" data-testid="password-submit" disabled={save.isPending}>
        {t('auth.changePassword')}
      </button>
    </form>
  );
}
