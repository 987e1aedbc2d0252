import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import type { AuthState } from '../api/accounts.ts';
import { ApiError, setUnauthorizedHandler } from '../api/client.ts';
import { CredentialsForm } from './CredentialsForm.tsx';
import { PasswordForm } from './PasswordForm.tsx';
import { ME_KEY, useAuth } from './use-auth.ts';

/**
 * Open mode (the demo on loopback) needs no login. Enforced mode shows the first-run setup while no
 * admin exists, the login page until someone signs in (and again on any 401), and the password
 * change a temporary password asks for.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const auth = useAuth();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      client.setQueryData<AuthState>(ME_KEY, (me) => (me ? { ...me, user: null } : me));
    });
    return () => setUnauthorizedHandler(null);
  }, [client]);

  if (auth.error && !(auth.error instanceof ApiError && auth.error.isMissingRoute)) {
    return (
      <main className="page">
        <p role="alert" className="banner banner-error">
          Northstar: {auth.error.message}
        </p>
      </main>
    );
  }
  // A server without accounts answers 404 on /auth/me: the app works as in open mode.
  if (auth.isPending) return <div className="boot" aria-busy="true" />;
  const me = auth.data;
  if (!me || me.mode === 'open') return children;
  const signedIn = () => {
    void client.invalidateQueries();
  };
  if (me.setupRequired) return <CredentialsForm kind="setup" onDone={signedIn} />;
  if (!me.user) return <CredentialsForm kind="login" onDone={signedIn} />;
  if (me.user.mustChangePassword) {
    return (
      <main className="auth-page">
        <PasswordForm required onDone={signedIn} />
      </main>
    );
  }
  return children;
}
