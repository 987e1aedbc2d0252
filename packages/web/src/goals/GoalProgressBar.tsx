import type { Goal } from '../api/goals.ts';
import { useMetricMap } from '../api/hooks.ts';
import { useFormat } from '../format/use-format.ts';
import { useI18n } from '../i18n/use-i18n.ts';

/** Actual vs target as a bar, the share of the period elapsed as a marker, the pace and the two projections it is judged by. */
export function GoalProgressBar({ goal, compact = false }: { goal: Goal; compact?: boolean }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const unit = useMetricMap().get(goal.metric)?.unit ?? 'number';
  const progress = goal.progress;
  if (!progress) return null;
  const share = Math.max(0, Math.min(1, progress.progress ?? 0));
  return (
    <div className={`goal-progress${compact ? ' compact' : ''}`} data-testid={`goal-progress-${goal.metric}`}>
      <div
        className="goal-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(share * 100)}
        aria-label={t('goals.progress')}
      >
        <span className={`goal-fill pace-${progress.pace}`} style={{ inlineSize: `${share * 100}%` }} />
        <span className="goal-elapsed" style={{ insetInlineStart: `${Math.min(1, progress.elapsedShare) * 100}%` }} />
      </div>
      <p className="goal-figures">
        <span>
          {fmt.format(progress.actual, unit, goal.metric)} / {fmt.format(progress.target, unit, goal.metric)}
        </span>{' '}
        <PaceBadge pace={progress.pace} />
      </p>
      {!compact && progress.projected !== null && progress.trendProjected != null && progress.elapsedShare < 1 && (
        <p className="goal-projections muted" data-testid="goal-projections">
          {t('goals.projections', {
            projected: fmt.format(progress.projected, unit, goal.metric),
            trend: fmt.format(progress.trendProjected, unit, goal.metric),
          })}
        </p>
      )}
    </div>
  );
}

export function PaceBadge({ pace }: { pace: NonNullable<Goal['progress']>['pace'] }) {
  const { t } = useI18n();
  return (
    <span className={`pace-badge pace-${pace}`} data-testid="pace-badge" data-pace={pace}>
      {t(`pace.${pace}`)}
    </span>
  );
}
