/** Sign-in, first-run setup, the signed-in user's password, and user management (admins). */
import { request, setCsrfToken } from './client.ts';

export const ROLES = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: string;
  email: string;
  role: Role | null;
  mustChangePassword: boolean;
}

export interface UserInfo extends SessionUser {
  createdAt: string;
}

/** `GET /auth/me`: open mode needs no login; enforced mode may need the first admin (setup) or a sign-in. */
export interface AuthState {
  mode: 'open' | 'enforced';
  setupRequired: boolean;
  user?: SessionUser | null;
  csrfToken?: string;
}

export async function fetchMe(signal?: AbortSignal): Promise<AuthState> {
  const me = await request<AuthState>('GET', '/auth/me', undefined, signal);
  setCsrfToken(me.csrfToken ?? null);
  return me;
}

async function signIn(path: string, email: string, password: string): Promise<SessionUser> {
  const answer = await request<{ user: SessionUser; csrfToken: string }>('POST', path, { email, password });
  setCsrfToken(answer.csrfToken);
  return answer.user;
}

export function login(email: string, password: string): Promise<SessionUser> {
  return signIn('/auth/login', email, password);
}

export function setupFirstAdmin(email: string, password: string): Promise<SessionUser> {
  return signIn('/setup', email, password);
}

export async function logout(): Promise<void> {
  await request<void>('POST', '/auth/logout');
  setCsrfToken(null);
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return request<void>('PUT', '/auth/password', { currentPassword, newPassword });
}

export async function listUsers(signal?: AbortSignal): Promise<UserInfo[]> {
  return (await request<{ users: UserInfo[] }>('GET', '/users', undefined, signal)).users;
}

/** Without a password the server generates a temporary one, shown once. */
export function inviteUser(email: string, role: Role): Promise<{ user: UserInfo; temporaryPassword?: string }> {
  return request('POST', '/users', { email, role });
}

export function changeRole(id: string, role: Role): Promise<UserInfo> {
  return request('PATCH', `/users/${encodeURIComponent(id)}`, { role });
}

export function removeUser(id: string): Promise<void> {
  return request('DELETE', `/users/${encodeURIComponent(id)}`);
}

export function resetPassword(id: string): Promise<{ id: string; temporaryPassword?: string }> {
  return request('POST', `/users/${encodeURIComponent(id)}/password`, {});
}
