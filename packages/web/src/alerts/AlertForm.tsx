import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type AlertChannel, type AlertCondition, createAlert } from '../api/alerts.ts';
import { useCatalog } from '../api/hooks.ts';
import { useGoals } from '../goals/use-goals.ts';
import { useI18n } from '../i18n/use-i18n.ts';

type Kind = AlertCondition['type'];
const KINDS: readonly Kind[] = ['threshold', 'anomaly', 'goal_pace'];

/** A new rule: its condition (threshold, anomaly against a trailing baseline, goal pace) and one channel. */
export function AlertForm({ onClose }: { onClose(): void }) {
  const { t, metricName } = useI18n();
  const client = useQueryClient();
  const metrics = (useCatalog().data ?? []).filter((m) => m.kind === 'series');
  const goals = useGoals().data ?? [];
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('threshold');
  const [metric, setMetric] = useState('leads');
  const [op, setOp] = useState<'above' | 'below'>('below');
  const [value, setValue] = useState('');
  const [sensitivity, setSensitivity] = useState('3');
  const [goalId, setGoalId] = useState('');
  const [channel, setChannel] = useState<AlertChannel['type']>('webhook');
  const [target, setTarget] = useState('');
  const condition = (): AlertCondition => {
    if (kind === 'threshold') return { type: 'threshold', metric, op, value: Number(value), grain: 'day' };
    if (kind === 'anomaly')
      return { type: 'anomaly', metric, grain: 'day', baselinePeriods: 14, sensitivity: Number(sensitivity), direction: 'both' };
    return { type: 'goal_pace', goalId: goalId || (goals[0]?.id ?? ''), level: 'off_track' };
  };
  const save = useMutation({
    mutationFn: () =>
      createAlert({
        name: name.trim(),
        enabled: true,
        condition: condition(),
        channels: [
          channel === 'email' ? { type: 'email', to: target.split(',').map((s) => s.trim()) } : { type: 'webhook', url: target.trim() },
        ],
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['alerts'] });
      onClose();
    },
  });
  return (
    <form
      className="tile goal-form"
      data-testid="alert-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label className="field">
        <span className="field-label">{t('alerts.name')}</span>
        <input data-testid="alert-name" required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('alerts.condition')}</span>
        <select data-testid="alert-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`alerts.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {kind !== 'goal_pace' && (
        <label className="field">
          <span className="field-label">{t('goals.kpi')}</span>
          <select data-testid="alert-metric" value={metric} onChange={(e) => setMetric(e.target.value)}>
            {metrics.map((m) => (
              <option key={m.id} value={m.id}>
                {metricName(m.id, m.name)}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === 'threshold' && (
        <>
          <label className="field">
            <span className="field-label">{t('alerts.when')}</span>
            <select data-testid="alert-op" value={op} onChange={(e) => setOp(e.target.value as 'above' | 'below')}>
              <option value="above">{t('alerts.op.above')}</option>
              <option value="below">{t('alerts.op.below')}</option>
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('alerts.value')}</span>
            <input data-testid="alert-value" type="number" step="any" required value={value} onChange={(e) => setValue(e.target.value)} />
          </label>
        </>
      )}
      {kind === 'anomaly' && (
        <label className="field">
          <span className="field-label">{t('alerts.sensitivity')}</span>
          <input type="number" min="0.5" max="20" step="0.5" value={sensitivity} onChange={(e) => setSensitivity(e.target.value)} />
        </label>
      )}
      {kind === 'goal_pace' && (
        <label className="field">
          <span className="field-label">{t('goals.title')}</span>
          <select data-testid="alert-goal" value={goalId} onChange={(e) => setGoalId(e.target.value)}>
            {goals.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name ?? metricName(g.metric)} {g.from}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span className="field-label">{t('alerts.channel')}</span>
        <select data-testid="alert-channel" value={channel} onChange={(e) => setChannel(e.target.value as AlertChannel['type'])}>
          <option value="webhook">{t('alerts.webhook')}</option>
          <option value="email">{t('alerts.email')}</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">{channel === 'email' ? t('alerts.emailTo') : t('alerts.webhookUrl')}</span>
        <input data-testid="alert-target" required value={target} onChange={(e) => setTarget(e.target.value)} />
      </label>
      {save.error && (
        <p role="alert" className="banner banner-error">
          {save.error.message}
        </p>
      )}
      <div className="editor-actions">
        <button type="button" onClick={onClose}>
          {t('goals.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="alert-submit" disabled={save.isPending}>
          {t('alerts.save')}
        </button>
      </div>
    </form>
  );
}
