import { useQuery } from '@tanstack/react-query';
import { type AuthState, fetchMe, type Role } from '../api/accounts.ts';

export const ME_KEY = ['auth', 'me'] as const;

export function useAuth() {
  return useQuery({ queryKey: ME_KEY, queryFn: ({ signal }) => fetchMe(signal), staleTime: Number.POSITIVE_INFINITY, retry: false });
}

/** The signed-in role; in open mode (no login) everyone may do everything. */
export function roleOf(auth: AuthState | undefined): Role | null {
  if (!auth) return null;
  if (auth.mode === 'open') return 'admin';
  return auth.user?.role ?? null;
}

export function useRole(): Role | null {
  return roleOf(useAuth().data);
}

export function useCanEdit(): boolean {
  const role = useRole();
  return role === 'admin' || role === 'editor';
}
