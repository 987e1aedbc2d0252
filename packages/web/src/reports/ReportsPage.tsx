import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCanEdit } from '../accounts/use-auth.ts';
import { useDashboards } from '../api/hooks.ts';
import { deleteReportSchedule, type ReportSchedule } from '../api/reports.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { ReportScheduleForm } from './ReportScheduleForm.tsx';
import { REPORTS_KEY, useReportSchedules } from './use-report-schedules.ts';

/** Scheduled reports: a dashboard emailed weekly or monthly; editors create and delete them. */
export function ReportsPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const schedules = useReportSchedules();
  const names = new Map((useDashboards().data ?? []).map((d) => [d.id, d.name]));
  const canEdit = useCanEdit();
  const [creating, setCreating] = useState(false);
  const remove = useMutation({ mutationFn: deleteReportSchedule, onSuccess: () => client.invalidateQueries({ queryKey: REPORTS_KEY }) });
  const error = schedules.error ?? remove.error;
  return (
    <div className="page" data-page="reports">
      <PageHeader title={t('reports.title')}>
        {canEdit && !creating && (
          <button type="button" className="primary" data-testid="report-new" onClick={() => setCreating(true)}>
            + {t('reports.new')}
          </button>
        )}
      </PageHeader>
      <p className="muted">{t('reports.intro')}</p>
      {creating && <ReportScheduleForm onClose={() => setCreating(false)} />}
      {error && (
        <p role="alert" className="banner banner-error">
          {error.message}
        </p>
      )}
      {schedules.data?.length === 0 && <p className="banner">{t('reports.none')}</p>}
      <ul className="goal-list" data-testid="report-list" aria-busy={schedules.isPending}>
        {schedules.data?.map((schedule) => (
          <ScheduleItem
            key={schedule.id}
            schedule={schedule}
            dashboard={names.get(schedule.dashboardId) ?? schedule.dashboardId}
            canEdit={canEdit}
            onDelete={() => {
              if (window.confirm(t('reports.confirmDelete'))) remove.mutate(schedule.id);
            }}
          />
        ))}
      </ul>
    </div>
  );
}

function ScheduleItem(props: { schedule: ReportSchedule; dashboard: string; canEdit: boolean; onDelete(): void }) {
  const { t, locale } = useI18n();
  const { schedule } = props;
  const failure = schedule.lastFailure;
  const retry = failure
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(failure.nextAttemptAt))
    : '';
  return (
    <li className="tile goal-item" data-testid={`report-${schedule.id}`} data-dashboard={schedule.dashboardId}>
      <div className="goal-head">
        <h2>{schedule.name ?? props.dashboard}</h2>
        {props.canEdit && (
          <button type="button" className="link-button danger" data-testid="report-delete" onClick={props.onDelete}>
            {t('goals.delete')}
          </button>
        )}
      </div>
      <p className="muted">
        {t(`reports.frequency.${schedule.frequency}`)} · PDF{schedule.csv ? ' + CSV' : ''}
        {schedule.enabled ? '' : ` · ${t('reports.paused')}`}
      </p>
      <p dir="ltr" className="report-recipients">
        {schedule.recipients.join(', ')}
      </p>
      {failure && (
        <p className="error-text" data-testid="report-failure">
          {t('reports.failed', { error: failure.lastError, time: retry })}
        </p>
      )}
    </li>
  );
}
