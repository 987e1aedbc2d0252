import type { Goal } from '../api/goals.ts';
import { useMetricMap } from '../api/hooks.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { GoalProgressBar } from './GoalProgressBar.tsx';

export function GoalItem({ goal, canEdit, onEdit, onDelete }: { goal: Goal; canEdit: boolean; onEdit(): void; onDelete(): void }) {
  const { t, metricName } = useI18n();
  const info = useMetricMap().get(goal.metric);
  const kpi = metricName(goal.metric, info?.name);
  return (
    <li className="tile goal-item" data-testid={`goal-${goal.id}`} data-metric={goal.metric}>
      <div className="goal-head">
        <h2>{goal.name ?? kpi}</h2>
        {canEdit && (
          <span className="row-actions">
            <button type="button" className="link-button" data-testid="goal-edit" onClick={onEdit}>
              {t('goals.edit')}
            </button>
            <button type="button" className="link-button danger" data-testid="goal-delete" onClick={onDelete}>
              {t('goals.delete')}
            </button>
          </span>
        )}
      </div>
      <p className="muted">
        {goal.name ? `${kpi} · ` : ''}
        {t(`goals.period.${goal.period}`)} {goal.from} – {goal.to}
        {goal.filter ? ` · ${goal.filter.dimension} = ${goal.filter.value}` : ''}
      </p>
      {goal.progress ? <GoalProgressBar goal={goal} /> : <p className="error-text">{goal.error ?? t('goals.noProgress')}</p>}
    </li>
  );
}
