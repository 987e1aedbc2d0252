/**
 * Who may do what. A route needs one permission; an identity (a user's session, an API key, a
 * share link) holds a set of them. Users hold a role per workspace; a user without a role in the
 * workspace this server serves (another workspace's admin, say) holds only `session`.
 */
import type { KeyScope } from './api-keys.ts';

export const ROLES = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * - public: anyone (the tracker, login, first-run setup, health)
 * - session: any signed-in user, whatever their role (their own account)
 * - read / edit / admin: the workspace's data, definitions, and users/keys/privacy
 * - ingest: server-side event senders (API keys only)
 * - share: a share link's token, which the route itself names
 */
export const PERMISSIONS = ['public', 'session', 'read', 'edit', 'admin', 'ingest', 'share'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

const ROLE_GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['session', 'read'],
  editor: ['session', 'read', 'edit'],
  admin: ['session', 'read', 'edit', 'admin'],
};

const SCOPE_GRANTS: Record<KeyScope, readonly Permission[]> = {
  ingest: ['ingest'],
  read: ['read'],
  admin: ['read', 'edit', 'admin', 'ingest'],
};

export function roleGrants(role: Role | null): readonly Permission[] {
  return role ? ROLE_GRANTS[role] : ['session'];
}

export function scopeGrants(scope: KeyScope): readonly Permission[] {
  return SCOPE_GRANTS[scope];
}
