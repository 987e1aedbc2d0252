/** Who is asking: resolved once per request by the authorization hook. */
import type { ApiKeyInfo } from '../../auth/api-keys.ts';
import { type Permission, type Role, roleGrants, scopeGrants } from '../../auth/roles.ts';
import type { ShareLinkInfo } from '../../auth/share-links.ts';

export type Identity =
  | { kind: 'anonymous' }
  /** Open mode (in-process tests, `serve --demo` on loopback): one trusted local user, no login. */
  | { kind: 'open' }
  | { kind: 'user'; userId: string; email: string; role: Role | null; mustChangePassword: boolean; sessionId: string; csrfToken: string }
  | { kind: 'key'; key: ApiKeyInfo }
  | { kind: 'share'; link: ShareLinkInfo };

export const ANONYMOUS: Identity = { kind: 'anonymous' };

export function grantsOf(identity: Identity): readonly Permission[] {
  switch (identity.kind) {
    case 'anonymous':
      return ['public'];
    case 'open':
      return ['public', 'read', 'edit', 'admin'];
    case 'user':
      return ['public', ...roleGrants(identity.role)];
    case 'key':
      return ['public', ...scopeGrants(identity.key.scope)];
    case 'share':
      return ['public', 'share'];
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity | null;
  }
}
