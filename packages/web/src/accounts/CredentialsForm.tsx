import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { login, setupFirstAdmin } from '../api/accounts.ts';
import { useI18n } from '../i18n/use-i18n.ts';

/** The login page, or the first-run setup that creates the first admin (same fields). */
export function CredentialsForm({ kind, onDone }: { kind: 'login' | 'setup'; onDone(): void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = useMutation({
    mutationFn: () => (kind === 'login' ? login(email, password) : setupFirstAdmin(email, password)),
    onSuccess: onDone,
  });
  return (
    <main className="auth-page" data-page={kind}>
      <form
        className="auth-form tile"
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate();
        }}
      >
        <h1>
          <span aria-hidden="true">✦</span> Northstar
        </h1>
        <h2>{kind === 'login' ? t('auth.loginTitle') : t('auth.setupTitle')}</h2>
        {kind === 'setup' && <p className="muted">{t('auth.setupHint')}</p>}
        <label className="field">
          <span className="field-label">{t('auth.email')}</span>
          <input
            data-testid="auth-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('auth.password')}</span>
          <input
            data-testid="auth-password"
            type="password"
            autoComplete={kind === 'login' ? 'current-password' : 'new-password'}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {submit.error && (
          <p role="alert" className="banner banner-error" data-testid="auth-error">
            {submit.error.message}
          </p>
        )}
        <button type="submit" className="primary" data-testid="auth-submit" disabled={submit.isPending}>
          {kind === 'login' ? t('auth.login') : t('auth.createAdmin')}
        </button>
      </form>
    </main>
  );
}
