import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type AlertCondition, type AlertGrain, type AlertRule, createAlert, updateAlert } from '../api/alerts.ts';
import { useCatalog } from '../api/hooks.ts';
import { useGoals } from '../goals/use-goals.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { ChannelFields } from './ChannelFields.tsx';
import { type ChannelDraft, fromDraft, toDraft } from './channel-drafts.ts';

type Kind = AlertCondition['type'];
const KINDS: readonly Kind[] = ['threshold', 'anomaly', 'goal_pace'];
const GRAINS: readonly AlertGrain[] = ['day', 'week', 'month'];

/**
 * A new rule, or an existing one to edit: its condition (threshold, anomaly against a trailing
 * baseline, goal pace) and its channels. What the form does not show (a rule's filter, an anomaly's
 * direction) is kept as it was.
 */
export function AlertForm({ rule, onClose }: { rule?: AlertRule; onClose(): void }) {
  const { t, metricName } = useI18n();
  const client = useQueryClient();
  const metrics = (useCatalog().data ?? []).filter((m) => m.kind === 'series');
  const goals = useGoals().data ?? [];
  const initial = rule?.condition;
  const watched = initial && initial.type !== 'goal_pace' ? initial : undefined;
  const [name, setName] = useState(rule?.name ?? '');
  const [kind, setKind] = useState<Kind>(initial?.type ?? 'threshold');
  const [metric, setMetric] = useState(watched?.metric ?? 'leads');
  const [grain, setGrain] = useState<AlertGrain>(watched?.grain ?? 'day');
  const [op, setOp] = useState<'above' | 'below'>(initial?.type === 'threshold' ? initial.op : 'below');
  const [value, setValue] = useState(initial?.type === 'threshold' ? String(initial.value) : '');
  const [sensitivity, setSensitivity] = useState(initial?.type === 'anomaly' ? String(initial.sensitivity) : '3');
  const [baseline, setBaseline] = useState(initial?.type === 'anomaly' ? String(initial.baselinePeriods) : '14');
  const [goalId, setGoalId] = useState(initial?.type === 'goal_pace' ? initial.goalId : '');
  const [level, setLevel] = useState<'off_track' | 'at_risk'>(initial?.type === 'goal_pace' ? initial.level : 'off_track');
  const [channels, setChannels] = useState<ChannelDraft[]>(rule ? rule.channels.map(toDraft) : [{ type: 'webhook', target: '' }]);

  const condition = (): AlertCondition => {
    const filter = watched?.filter ? { filter: watched.filter } : {};
    if (kind === 'threshold') return { type: 'threshold', metric, op, value: Number(value), grain, ...filter };
    if (kind === 'anomaly') {
      const direction = initial?.type === 'anomaly' ? initial.direction : 'both';
      return { type: 'anomaly', metric, grain, baselinePeriods: Number(baseline), sensitivity: Number(sensitivity), direction, ...filter };
    }
    return { type: 'goal_pace', goalId: goalId || (goals[0]?.id ?? ''), level };
  };
  const save = useMutation({
    mutationFn: () => {
      const input = { name: name.trim(), enabled: rule?.enabled ?? true, condition: condition(), channels: channels.map(fromDraft) };
      return rule ? updateAlert(rule.id, input) : createAlert(input);
    },
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
        <>
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
          <label className="field">
            <span className="field-label">{t('alerts.grain')}</span>
            <select data-testid="alert-grain" value={grain} onChange={(e) => setGrain(e.target.value as AlertGrain)}>
              {GRAINS.map((g) => (
                <option key={g} value={g}>
                  {t(`grain.${g}`)}
                </option>
              ))}
            </select>
          </label>
        </>
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
        <>
          <label className="field">
            <span className="field-label">{t('alerts.sensitivity')}</span>
            <input type="number" min="0.5" max="20" step="0.5" value={sensitivity} onChange={(e) => setSensitivity(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('alerts.baseline')}</span>
            <input type="number" min="5" max="90" step="1" value={baseline} onChange={(e) => setBaseline(e.target.value)} />
          </label>
        </>
      )}
      {kind === 'goal_pace' && (
        <>
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
          <label className="field">
            <span className="field-label">{t('alerts.level')}</span>
            <select data-testid="alert-level" value={level} onChange={(e) => setLevel(e.target.value as 'off_track' | 'at_risk')}>
              <option value="off_track">{t('pace.off_track')}</option>
              <option value="at_risk">{t('pace.at_risk')}</option>
            </select>
          </label>
        </>
      )}
      <ChannelFields drafts={channels} onChange={setChannels} />
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
