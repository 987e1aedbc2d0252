import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCanEdit } from '../accounts/use-auth.ts';
import { deleteGoal, type Goal } from '../api/goals.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { GoalForm } from './GoalForm.tsx';
import { GoalItem } from './GoalItem.tsx';
import { GOALS_KEY, useGoals } from './use-goals.ts';

/** Goals with progress and pace; editors create, edit and delete them. */
export function GoalsPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const goals = useGoals();
  const canEdit = useCanEdit();
  const [editing, setEditing] = useState<Goal | 'new' | null>(null);
  const remove = useMutation({ mutationFn: deleteGoal, onSuccess: () => client.invalidateQueries({ queryKey: GOALS_KEY }) });
  return (
    <div className="page" data-page="goals">
      <PageHeader title={t('goals.title')}>
        {canEdit && !editing && (
          <button type="button" className="primary" data-testid="goal-new" onClick={() => setEditing('new')}>
            + {t('goals.new')}
          </button>
        )}
      </PageHeader>
      {editing && (
        <GoalForm
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {(goals.error ?? remove.error) && (
        <p role="alert" className="banner banner-error">
          {(goals.error ?? remove.error)?.message}
        </p>
      )}
      {goals.data?.length === 0 && <p className="banner">{t('goals.none')}</p>}
      <ul className="goal-list" data-testid="goal-list" aria-busy={goals.isPending}>
        {goals.data?.map((goal) => (
          <GoalItem
            key={goal.id}
            goal={goal}
            canEdit={canEdit}
            onEdit={() => setEditing(goal)}
            onDelete={() => {
              if (window.confirm(t('goals.confirmDelete'))) remove.mutate(goal.id);
            }}
          />
        ))}
      </ul>
    </div>
  );
}
