import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type AlertRule, alertHistory, deleteAlert, setAlertEnabled } from '../api/alerts.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { AlertForm } from './AlertForm.tsx';
import { AlertHistory } from './AlertHistory.tsx';
import { describeCondition } from './describe-condition.ts';

/** One rule: what it watches and where it sends; editors switch it on or off, edit and delete it; its delivery history on demand. */
export function AlertItem({ rule, canEdit }: { rule: AlertRule; canEdit: boolean }) {
  const { t, metricName } = useI18n();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const invalidate = () => client.invalidateQueries({ queryKey: ['alerts'] });
  // The switch moves at once (local state: the cache update below comes after an await, too late
  // for a controlled checkbox); it moves back if the server refuses.
  const [switched, setSwitched] = useState<boolean | null>(null);
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => setAlertEnabled(rule.id, enabled),
    onMutate: async (enabled: boolean) => {
      await client.cancelQueries({ queryKey: ['alerts'], exact: true });
      const previous = client.getQueryData<AlertRule[]>(['alerts']);
      client.setQueryData<AlertRule[]>(['alerts'], (rules) => rules?.map((r) => (r.id === rule.id ? { ...r, enabled } : r)));
      return { previous };
    },
    onError: (_error, _enabled, context) => {
      if (context?.previous) client.setQueryData(['alerts'], context.previous);
    },
    onSettled: () => invalidate().finally(() => setSwitched(null)),
  });
  const remove = useMutation({ mutationFn: () => deleteAlert(rule.id), onSuccess: invalidate });
  const history = useQuery({
    queryKey: ['alerts', 'history', rule.id],
    queryFn: ({ signal }) => alertHistory({ ruleId: rule.id }, signal),
    enabled: showHistory,
  });
  if (editing) return <AlertForm rule={rule} onClose={() => setEditing(false)} />;
  const error = toggle.error ?? remove.error ?? history.error;
  return (
    <li
      className={`tile goal-item alert-item${rule.enabled ? '' : ' is-disabled'}${showHistory ? ' has-history' : ''}`}
      data-testid={`alert-${rule.id}`}
      data-enabled={rule.enabled}
    >
      <div className="goal-head">
        <h2>{rule.name}</h2>
        {!rule.enabled && <span className="pace-badge">{t('alerts.disabledBadge')}</span>}
      </div>
      <p className="muted">{describeCondition(rule.condition, t, metricName)}</p>
      <p className="muted">
        {rule.channels
          .map((c) => (c.type === 'webhook' ? c.url : c.to.length > 0 ? c.to.join(', ') : t('alerts.defaultRecipients')))
          .join(' · ')}
      </p>
      <div className="alert-actions">
        {canEdit && (
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="alert-enabled"
              aria-label={t('alerts.toggle', { name: rule.name })}
              checked={switched ?? rule.enabled}
              disabled={toggle.isPending}
              onChange={(e) => {
                setSwitched(e.target.checked);
                toggle.mutate(e.target.checked);
              }}
            />
            {t('alerts.enabled')}
          </label>
        )}
        {canEdit && (
          <button type="button" className="link-button" data-testid="alert-edit" onClick={() => setEditing(true)}>
            {t('alerts.edit')}
          </button>
        )}
        <button
          type="button"
          className="link-button"
          data-testid="alert-history-toggle"
          aria-expanded={showHistory}
          onClick={() => setShowHistory(!showHistory)}
        >
          {showHistory ? t('alerts.hideHistory') : t('alerts.showHistory')}
        </button>
        {canEdit && (
          <button type="button" className="link-button danger" data-testid="alert-delete" onClick={() => remove.mutate()}>
            {t('goals.delete')}
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="banner banner-error">
          {error.message}
        </p>
      )}
      {showHistory && history.data && <AlertHistory events={history.data} showRule={false} testId="alert-rule-history" />}
    </li>
  );
}
