import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCanEdit, useRole } from '../accounts/use-auth.ts';
import { alertHistory, listAlerts } from '../api/alerts.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { AlertForm } from './AlertForm.tsx';
import { AlertHistory } from './AlertHistory.tsx';
import { AlertItem } from './AlertItem.tsx';

/** Alert rules (editors create, edit, switch off and delete them) and the history of what fired and was delivered. */
export function AlertsPage() {
  const { t } = useI18n();
  const canEdit = useCanEdit();
  const isAdmin = useRole() === 'admin';
  const [creating, setCreating] = useState(false);
  const rules = useQuery({ queryKey: ['alerts'], queryFn: ({ signal }) => listAlerts(signal) });
  const history = useQuery({ queryKey: ['alerts', 'history'], queryFn: ({ signal }) => alertHistory({}, signal) });
  return (
    <div className="page" data-page="alerts">
      <PageHeader title={t('alerts.title')}>
        <div className="editor-actions">
          {isAdmin && (
            <Link to="/alerts/delivery" data-testid="delivery-settings-link">
              {t('alerts.deliverySettings')}
            </Link>
          )}
          {canEdit && !creating && (
            <button type="button" className="primary" data-testid="alert-new" onClick={() => setCreating(true)}>
              + {t('alerts.new')}
            </button>
          )}
        </div>
      </PageHeader>
      {creating && <AlertForm onClose={() => setCreating(false)} />}
      {rules.error && (
        <p role="alert" className="banner banner-error">
          {rules.error.message}
        </p>
      )}
      {rules.data?.length === 0 && <p className="banner">{t('alerts.none')}</p>}
      <ul className="goal-list" data-testid="alert-list" aria-busy={rules.isPending}>
        {rules.data?.map((rule) => (
          <AlertItem key={rule.id} rule={rule} canEdit={canEdit} />
        ))}
      </ul>
      <h2>{t('alerts.history')}</h2>
      <AlertHistory events={history.data ?? []} />
    </div>
  );
}
