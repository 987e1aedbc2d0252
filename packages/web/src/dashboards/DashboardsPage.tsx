import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { createDashboard, deleteDashboard } from '../api/client.ts';
import { useDashboards } from '../api/hooks.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatDate } from '../format/format-value.ts';
import { useI18n } from '../i18n/use-i18n.ts';

/** The list of custom dashboards, and a form to create one. */
export function DashboardsPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const list = useDashboards();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => createDashboard({ name: name.trim(), tiles: [] }),
    onSuccess: (dashboard) => {
      client.setQueryData(['dashboards', dashboard.id], dashboard);
      void client.invalidateQueries({ queryKey: ['dashboards'], exact: true });
      navigate(`/dashboards/${dashboard.id}`);
    },
  });
  const remove = useMutation({ mutationFn: deleteDashboard, onSuccess: () => client.invalidateQueries({ queryKey: ['dashboards'] }) });
  return (
    <div className="page" data-page="dashboards">
      <PageHeader title={t('dashboards.title')} />
      <form
        className="create-dashboard"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) create.mutate();
        }}
      >
        <input
          data-testid="new-dashboard-name"
          value={name}
          maxLength={120}
          placeholder={t('dashboards.namePlaceholder')}
          aria-label={t('dashboards.namePlaceholder')}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="primary" data-testid="create-dashboard" disabled={!name.trim() || create.isPending}>
          {t('dashboards.create')}
        </button>
      </form>
      {(create.error || list.error || remove.error) && (
        <p role="alert" className="banner banner-error">
          {(create.error ?? list.error ?? remove.error)?.message}
        </p>
      )}
      {list.data?.length === 0 && <p className="banner">{t('dashboards.none')}</p>}
      <ul className="dashboard-list" data-testid="dashboard-list" aria-busy={list.isPending}>
        {list.data?.map((dashboard) => (
          <li key={dashboard.id} className="tile">
            <Link to={`/dashboards/${dashboard.id}`} className="dashboard-link">
              {dashboard.name}
            </Link>
            <span className="muted">
              {t('dashboards.tiles', { count: dashboard.tiles.length })} · {formatDate(dashboard.updatedAt, locale)}
            </span>
            <button
              type="button"
              className="link-button danger"
              onClick={() => {
                if (window.confirm(t('dashboards.confirmDelete', { name: dashboard.name }))) remove.mutate(dashboard.id);
              }}
            >
              {t('dashboards.delete')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
