import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { addSite, createWorkspace, fetchWorkspaces, listSites, removeSite, switchWorkspace } from '../api/workspaces.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { WORKSPACES_KEY } from './WorkspaceSwitch.tsx';

const SITES_KEY = ['sites'] as const;

/** Admins: the user's workspaces (open one, create one) and the tracked sites collected into this one. */
export function WorkspacesPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const workspaces = useQuery({ queryKey: WORKSPACES_KEY, queryFn: ({ signal }) => fetchWorkspaces(signal) });
  const sites = useQuery({ queryKey: SITES_KEY, queryFn: ({ signal }) => listSites(signal) });
  const [name, setName] = useState('');
  const [site, setSite] = useState('');
  const create = useMutation({ mutationFn: () => createWorkspace(name.trim()), onSuccess: (made) => switchWorkspace(made.id) });
  const add = useMutation({
    mutationFn: () => addSite(site.trim()),
    onSuccess: () => {
      setSite('');
      void client.invalidateQueries({ queryKey: SITES_KEY });
    },
  });
  const remove = useMutation({ mutationFn: removeSite, onSuccess: () => void client.invalidateQueries({ queryKey: SITES_KEY }) });
  const error = workspaces.error ?? sites.error ?? create.error ?? add.error ?? remove.error;
  return (
    <div className="page" data-page="workspaces">
      <PageHeader title={t('workspaces.title')} />
      {error && (
        <p role="alert" className="banner banner-error">
          {error.message}
        </p>
      )}
      <table className="data-table" data-testid="workspaces-table">
        <thead>
          <tr>
            <th>{t('workspaces.name')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {workspaces.data?.workspaces.map((w) => (
            <tr key={w.id}>
              <td>
                <bdi>{w.name}</bdi> <span className="muted">({w.id})</span>
              </td>
              <td>{w.role ? t(`role.${w.role}`) : '—'}</td>
              <td>
                {w.id === workspaces.data?.current ? (
                  <span className="muted">{t('workspaces.current')}</span>
                ) : (
                  <button type="button" onClick={() => switchWorkspace(w.id)}>
                    {t('workspaces.open')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="inline-fields"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <input
          data-testid="workspace-name"
          required
          maxLength={100}
          placeholder={t('workspaces.name')}
          aria-label={t('workspaces.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="primary" data-testid="workspace-create" disabled={create.isPending}>
          {t('workspaces.create')}
        </button>
      </form>

      <h2>{t('workspaces.sites')}</h2>
      <p className="muted">{t('workspaces.sitesHelp')}</p>
      <ul data-testid="sites-list">
        {sites.data?.map((s) => (
          <li key={s.id}>
            <code>{s.id}</code>{' '}
            <button type="button" onClick={() => remove.mutate(s.id)}>
              {t('users.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="inline-fields"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <input
          data-testid="site-id"
          required
          maxLength={100}
          placeholder="data-site"
          aria-label={t('workspaces.siteId')}
          value={site}
          onChange={(e) => setSite(e.target.value)}
        />
        <button type="submit" data-testid="site-add" disabled={add.isPending}>
          {t('workspaces.addSite')}
        </button>
      </form>
    </div>
  );
}
