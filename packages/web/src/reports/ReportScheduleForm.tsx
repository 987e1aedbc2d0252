import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useDashboards } from '../api/hooks.ts';
import { createReportSchedule, REPORT_FREQUENCIES, type ReportFrequency } from '../api/reports.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { parseRecipients } from './parse-recipients.ts';
import { REPORTS_KEY } from './use-report-schedules.ts';

/** A new schedule: which dashboard, how often, to whom, and whether the tiles come as CSV besides the PDF. */
export function ReportScheduleForm({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const dashboards = useDashboards().data ?? [];
  const [dashboardId, setDashboardId] = useState('');
  const [frequency, setFrequency] = useState<ReportFrequency>('weekly');
  const [recipients, setRecipients] = useState('');
  const [csv, setCsv] = useState(true);
  const chosen = dashboardId || dashboards[0]?.id || '';
  const save = useMutation({
    mutationFn: () => createReportSchedule({ dashboardId: chosen, frequency, recipients: parseRecipients(recipients), csv }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: REPORTS_KEY });
      onClose();
    },
  });
  if (dashboards.length === 0) return <p className="banner">{t('reports.noDashboards')}</p>;
  return (
    <form
      className="tile goal-form"
      data-testid="report-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label className="field">
        <span className="field-label">{t('reports.dashboard')}</span>
        <select data-testid="report-dashboard" value={chosen} onChange={(e) => setDashboardId(e.target.value)}>
          {dashboards.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('reports.frequency')}</span>
        <select data-testid="report-frequency" value={frequency} onChange={(e) => setFrequency(e.target.value as ReportFrequency)}>
          {REPORT_FREQUENCIES.map((f) => (
            <option key={f} value={f}>
              {t(`reports.frequency.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('reports.recipients')}</span>
        <textarea
          data-testid="report-recipients"
          required
          rows={2}
          placeholder="team@example.com"
          value={recipients}
          onChange={(e) => setRecipients(e.target.value)}
        />
      </label>
      <fieldset className="field">
        <legend className="field-label">{t('reports.formats')}</legend>
        <label>
          <input type="checkbox" checked disabled /> PDF
        </label>{' '}
        <label>
          <input data-testid="report-csv" type="checkbox" checked={csv} onChange={(e) => setCsv(e.target.checked)} /> {t('reports.csv')}
        </label>
      </fieldset>
      {save.error && (
        <p role="alert" className="banner banner-error">
          {save.error.message}
        </p>
      )}
      <div className="editor-actions">
        <button type="button" onClick={onClose}>
          {t('goals.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="report-submit" disabled={save.isPending || recipients.trim() === ''}>
          {t('reports.save')}
        </button>
      </div>
    </form>
  );
}
