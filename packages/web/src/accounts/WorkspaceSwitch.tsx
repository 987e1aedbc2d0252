import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { fetchWorkspaces, switchWorkspace } from '../api/workspaces.ts';
import { useI18n } from '../i18n/use-i18n.ts';

export const WORKSPACES_KEY = ['workspaces'] as const;

/**
 * The workspaces this user may open, when there is more than one. A browser still pointed at a
 * workspace the user has no role in (removed, or never a member) moves to their first one.
 */
export function WorkspaceSwitch() {
  const { t } = useI18n();
  const answer = useQuery({ queryKey: WORKSPACES_KEY, queryFn: ({ signal }) => fetchWorkspaces(signal), staleTime: 60_000 });
  const data = answer.data;
  const first = data?.workspaces[0];
  const stranded = data !== undefined && first !== undefined && !data.workspaces.some((w) => w.id === data.current);
  useEffect(() => {
    if (stranded && first) switchWorkspace(first.id);
  }, [stranded, first]);
  if (!data || data.workspaces.length < 2) return null;
  return (
    <label className="compact-field">
      <span className="visually-hidden">{t('workspaces.switch')}</span>
      <select data-testid="workspace-switch" value={data.current} onChange={(e) => switchWorkspace(e.target.value)}>
        {data.workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </label>
  );
}
