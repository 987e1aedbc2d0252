/** What the auth hook and the account routes share: mode, secret, workspace, metadata and the key verifier. */
import { ApiKeyVerifier } from '../../auth/api-keys.ts';
import { randomSecret } from '../../auth/secret.ts';
import { DEFAULT_WORKSPACE } from '../../auth/users.ts';
import type { MetadataStore } from '../../meta/metadata-store.ts';

export type AuthOptions =
  /** No login needed: for in-process tests and `northstar serve --demo` on loopback only. */
  | { mode: 'open'; workspace?: string }
  | {
      mode: 'enforced';
      /** At least 32 random characters (see auth/secret.ts); keys the HMAC of session and share tokens. */
      secret: string;
      workspace?: string;
      /** Secure cookies: always, never, or when the request came over HTTPS ('auto', the default). */
      secureCookies?: boolean | 'auto';
    };

export interface AuthContext {
  mode: 'open' | 'enforced';
  secret: string;
  workspace: string;
  secureCookies: boolean | 'auto';
  /** The workspace's metadata: API keys, share links, audit log. */
  meta: MetadataStore;
  /** What spans workspaces (users, login sessions, workspaces, sites): the default workspace's metadata. */
  accounts: MetadataStore;
  keys: ApiKeyVerifier;
}

export function createAuthContext(options: AuthOptions, meta: MetadataStore, accounts: MetadataStore = meta): AuthContext {
  return {
    mode: options.mode,
    // Open mode still issues sessions (login works); their tokens only need to outlive the process.
    secret: options.mode === 'enforced' ? options.secret : randomSecret(),
    workspace: options.workspace ?? DEFAULT_WORKSPACE,
    secureCookies: options.mode === 'enforced' ? (options.secureCookies ?? 'auto') : 'auto',
    meta,
    accounts,
    keys: new ApiKeyVerifier(meta, 2000),
  };
}
