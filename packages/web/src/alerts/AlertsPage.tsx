import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCanEdit } from '../accounts/use-auth.ts';
import { alertHistory, deleteAlert, listAlerts } from '../api/alerts.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { AlertForm } from './AlertForm.tsx';
import { AlertHistory } from './AlertHistory.tsx';
import { describeCondition } from './describe-condition.ts';

/** Alert rules (editors create and delete them) and the history of what fired and was delivered. */
export function AlertsPage() {
  const { t, metricName } = useI18n();
  const client = useQueryClient();
  const canEdit = useCanEdit();
  const [creating, setCreating] = useState(false);
  const rules = useQuery({ queryKey: ['alerts'], queryFn: ({ signal }) => listAlerts(signal) });
  const history = useQuery({ queryKey: ['alerts', 'history'], queryFn: ({ signal }) => alertHistory(signal) });
  const remove = useMutation({ mutationFn: deleteAlert, onSuccess: () => client.invalidateQueries({ queryKey: ['alerts'] }) });
  return (
    <div className="page" data-page="alerts">
      <PageHeader title={t('alerts.title')}>
        {canEdit && !creating && (
          <button type="button" className="primary" data-testid="alert-new" onClick={() => setCreating(true)}>
            + {t('alerts.new')}
          </button>
        )}
      </PageHeader>
      {creating && <AlertForm onClose={() => setCreating(false)} />}
      {(rules.error ?? remove.error) && (
        <p role="alert" className="banner banner-error">
          {(rules.error ?? remove.error)?.message}
        </p>
      )}
      {rules.data?.length === 0 && <p className="banner">{t('alerts.none')}</p>}
      <ul className="goal-list" data-testid="alert-list" aria-busy={rules.isPending}>
        {rules.data?.map((rule) => (
          <li key={rule.id} className="tile goal-item" data-testid={`alert-${rule.id}`}>
            <div className="goal-head">
              <h2>{rule.name}</h2>
              {canEdit && (
                <button type="button" className="link-button danger" data-testid="alert-delete" onClick={() => remove.mutate(rule.id)}>
                  {t('goals.delete')}
                </button>
              )}
            </div>
            <p className="muted">{describeCondition(rule.condition, t, metricName)}</p>
            <p className="muted">{rule.channels.map((c) => (c.type === 'email' ? c.to.join(', ') : c.url)).join(' · ')}</p>
          </li>
        ))}
      </ul>
      <h2>{t('alerts.history')}</h2>
      <AlertHistory events={history.data ?? []} />
    </div>
  );
}
