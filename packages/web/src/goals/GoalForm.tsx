import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createGoal, GOAL_PERIODS, type Goal, type GoalInput, type GoalPeriod, updateGoal } from '../api/goals.ts';
import { useCatalog, useHealth } from '../api/hooks.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { startOfMonth, todayIn } from '../state/dates.ts';
import { GOALS_KEY } from './use-goals.ts';

/** Create or edit a goal: KPI, target, period, and optionally one dimension value. */
export function GoalForm({ initial, onClose }: { initial: Goal | undefined; onClose(): void }) {
  const { t, metricName, dimensionName } = useI18n();
  const client = useQueryClient();
  const metrics = (useCatalog().data ?? []).filter((m) => m.kind === 'series');
  const today = todayIn(useHealth().data?.workspace?.timezone ?? 'UTC');
  const [metric, setMetric] = useState(initial?.metric ?? 'leads');
  const [target, setTarget] = useState(initial ? String(initial.target) : '');
  const [period, setPeriod] = useState<GoalPeriod>(initial?.period ?? 'month');
  const [from, setFrom] = useState(initial?.from ?? startOfMonth(today));
  const [to, setTo] = useState(initial?.period === 'custom' ? initial.to : '');
  const [dimension, setDimension] = useState(initial?.filter?.dimension ?? '');
  const [value, setValue] = useState(initial?.filter?.value ?? '');
  const dimensions = metrics.find((m) => m.id === metric)?.dimensions ?? [];
  const save = useMutation({
    mutationFn: () => {
      const input: GoalInput = { metric, target: Number(target), period, from };
      if (initial?.name) input.name = initial.name;
      if (period === 'custom') input.to = to;
      if (dimension && value.trim()) input.filter = { dimension, value: value.trim() };
      return initial ? updateGoal(initial.id, input) : createGoal(input);
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: GOALS_KEY });
      onClose();
    },
  });
  return (
    <form
      className="tile goal-form"
      data-testid="goal-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label className="field">
        <span className="field-label">{t('goals.kpi')}</span>
        <select data-testid="goal-metric" value={metric} onChange={(e) => setMetric(e.target.value)}>
          {metrics.map((m) => (
            <option key={m.id} value={m.id}>
              {metricName(m.id, m.name)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('goals.target')}</span>
        <input data-testid="goal-target" type="number" step="any" required value={target} onChange={(e) => setTarget(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('goals.periodLabel')}</span>
        <select data-testid="goal-period" value={period} onChange={(e) => setPeriod(e.target.value as GoalPeriod)}>
          {GOAL_PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`goals.period.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('controls.start')}</span>
        <input data-testid="goal-from" type="date" required value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      {period === 'custom' && (
        <label className="field">
          <span className="field-label">{t('controls.end')}</span>
          <input data-testid="goal-to" type="date" required value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      )}
      <label className="field">
        <span className="field-label">{t('goals.dimension')}</span>
        <select data-testid="goal-dimension" value={dimension} onChange={(e) => setDimension(e.target.value)}>
          <option value="">{t('goals.allValues')}</option>
          {dimensions.map((d) => (
            <option key={d} value={d}>
              {dimensionName(d)}
            </option>
          ))}
        </select>
      </label>
      {dimension && (
        <label className="field">
          <span className="field-label">{t('controls.filterValue')}</span>
          <input data-testid="goal-dimension-value" required value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
      )}
      {save.error && (
        <p role="alert" className="banner banner-error">
          {save.error.message}
        </p>
      )}
      <div className="editor-actions">
        <button type="button" onClick={onClose}>
          {t('goals.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="goal-submit" disabled={save.isPending || target === ''}>
          {t('goals.save')}
        </button>
      </div>
    </form>
  );
}
