/**
 * Scheduled reports (metadata collection `report_schedules`): a dashboard emailed weekly (on
 * Monday, covering the previous Monday–Sunday) or monthly (on the 1st, covering the previous
 * month), days in the workspace timezone. A period is sent once: its run (`report_runs`, id from
 * the schedule and period) is recorded after the email is queued under an id derived the same way,
 * so neither a second pass nor a restart sends it again. Periods that ended before the schedule
 * was created are not sent; after downtime only the latest due period is. A run that fails to
 * render (a deleted dashboard, Chromium missing) is not retried on every pass: its failure
 * (`report_failures`, under the run id) holds the next attempt, backing off as the outbox does
 * (1 min doubling to 6 h).
 */
import { randomUUID } from 'node:crypto';
import { AppError, alertWindow, formatDay, localDay } from '@northstar/core';
import { z } from 'zod';
import { backoffMs, enqueueOnce, stableId } from '../jobs/outbox.ts';
import type { MetaDocument } from '../meta/metadata-store.ts';
import type { Store } from '../store/store.ts';
import { buildReport, type ReportRange, reportCsvAttachments, reportPdf } from './build-report.ts';
import { escapeHtml, oneLine } from './escape-html.ts';
import { formatValue } from './format-value.ts';
import { slug } from './report-csv.ts';

const scheduleFields = {
  name: z.string().trim().min(1).max(200).optional(),
  dashboardId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  frequency: z.enum(['weekly', 'monthly']),
  recipients: z.array(z.email()).min(1).max(50),
  /** Attach the tiles as CSV files besides the PDF. */
  csv: z.boolean().default(true),
  enabled: z.boolean().default(true),
};
export const reportScheduleSchema = z.object(scheduleFields).strict();
export const reportSchedulePatchSchema = z.object(scheduleFields).partial().strict();
export type ReportSchedule = z.infer<typeof reportScheduleSchema>;

export interface ReportScheduleView extends ReportSchedule {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export interface ReportRun {
  scheduleId: string;
  dashboardId: string;
  from: string;
  to: string;
  manual: boolean;
  createdAt: string;
}

/** A due run that failed to render, and when it may be tried again. */
export interface ReportFailure {
  scheduleId: string;
  from: string;
  to: string;
  attempts: number;
  lastError: string;
  lastAttemptAt: string;
  nextAttemptAt: string;
}

export function toScheduleView(doc: MetaDocument<ReportSchedule>): ReportScheduleView {
  return { ...doc.body, id: doc.id, createdAt: doc.createdAt, updatedAt: doc.updatedAt };
}

export async function saveSchedule(store: Store, schedule: ReportSchedule, id: string = randomUUID()): Promise<ReportScheduleView> {
  if (!(await store.metadata.get('dashboards', schedule.dashboardId))) {
    throw new AppError('validation', `no dashboard ${schedule.dashboardId}`, { path: 'dashboardId' });
  }
  return toScheduleView(await store.metadata.put('report_schedules', id, schedule));
}

/** The latest complete week or month before `now`. */
export function duePeriod(frequency: ReportSchedule['frequency'], now: Date, timezone: string): ReportRange {
  const window = alertWindow(localDay(now.getTime(), timezone), frequency === 'weekly' ? 'week' : 'month');
  return { from: formatDay(window.checkedFrom), to: formatDay(window.to) };
}

/** Renders the report and queues its email (once per run id); answers the run id. */
export async function sendReport(
  store: Store,
  schedule: ReportScheduleView,
  range: ReportRange,
  now: Date,
  runId: string,
  manual: boolean,
) {
  if (await store.metadata.get('report_runs', runId)) return runId;
  const report = await buildReport(store, schedule.dashboardId, range, now);
  const pdf = await reportPdf(report);
  const settings = await store.getSettings();
  const title = schedule.name ?? report.data.name;
  const last = formatDay(Date.parse(`${range.to}T00:00:00Z`) / 86_400_000 - 1);
  const numbers = report.data.tiles
    .filter((t) => t.tile.viz === 'number' && t.tile.by.length === 0 && !t.error && t.metric?.kind === 'series')
    .map(
      (t) =>
        `${t.title}: ${formatValue(t.rows[0]?.[t.tile.metric], t.metric?.kind === 'series' ? t.metric.unit : undefined, settings.currency)}`,
    );
  const text = [`${report.data.name}, ${range.from} – ${last}`, '', ...numbers, '', 'The full report is attached as a PDF.'].join('\n');
  const html = `<p><b>${escapeHtml(report.data.name)}</b>, ${escapeHtml(range.from)} – ${escapeHtml(last)}</p><ul>${numbers
    .map((n) => `<li>${escapeHtml(n)}</li>`)
    .join('')}</ul><p>The full report is attached as a PDF.</p>`;
  const attachments = [
    { filename: `${slug(report.data.name)}-${range.from}.pdf`, contentType: 'application/pdf', contentBase64: pdf.toString('base64') },
    ...(schedule.csv
      ? reportCsvAttachments(report).map((a) => ({
          filename: a.filename,
          contentType: 'text/csv',
          contentBase64: Buffer.from(a.content).toString('base64'),
        }))
      : []),
  ];
  await enqueueOnce(
    store.metadata,
    stableId(runId, 'email'),
    {
      channel: { type: 'email', to: schedule.recipients },
      source: { type: 'report', runId },
      subject: `[Northstar] ${oneLine(title)}: ${range.from} to ${last}`,
      text,
      html,
      attachments,
    },
    now,
  );
  const run: ReportRun = { scheduleId: schedule.id, dashboardId: schedule.dashboardId, ...range, manual, createdAt: now.toISOString() };
  await store.metadata.put('report_runs', runId, run);
  return runId;
}

export interface DueReportsResult {
  sent: string[];
  errors: Array<{ scheduleId: string; message: string }>;
  /** Schedules whose failed run waits for its next attempt. */
  deferred: Array<{ scheduleId: string; nextAttemptAt: string }>;
}

export async function runDueReports(store: Store, now: Date): Promise<DueReportsResult> {
  const { timezone } = await store.getSettings();
  const result: DueReportsResult = { sent: [], errors: [], deferred: [] };
  for (const doc of await store.metadata.list<ReportSchedule>('report_schedules')) {
    const schedule = toScheduleView(doc);
    if (!schedule.enabled) continue;
    const range = duePeriod(schedule.frequency, now, timezone);
    // Only periods that end after the schedule was made (the created time is UTC from the store).
    if (Date.parse(`${range.to}T00:00:00Z`) <= Date.parse(`${schedule.createdAt.replace(' ', 'T').slice(0, 19)}Z`)) continue;
    const runId = stableId('report', schedule.id, range.from);
    if (await store.metadata.get('report_runs', runId)) continue;
    const failure = (await store.metadata.get<ReportFailure>('report_failures', runId))?.body;
    if (failure && Date.parse(failure.nextAttemptAt) > now.getTime()) {
      result.deferred.push({ scheduleId: schedule.id, nextAttemptAt: failure.nextAttemptAt });
      continue;
    }
    try {
      result.sent.push(await sendReport(store, schedule, range, now, runId, false));
      if (failure) await store.metadata.delete('report_failures', runId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const attempts = (failure?.attempts ?? 0) + 1;
      const next: ReportFailure = {
        scheduleId: schedule.id,
        ...range,
        attempts,
        lastError: message,
        lastAttemptAt: now.toISOString(),
        nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
      };
      await store.metadata.put('report_failures', runId, next);
      result.errors.push({ scheduleId: schedule.id, message });
    }
  }
  return result;
}

/** The latest failure of each schedule's due run, for the schedule list. */
export async function scheduleFailures(store: Store): Promise<Map<string, ReportFailure>> {
  const latest = new Map<string, ReportFailure>();
  for (const { body } of await store.metadata.list<ReportFailure>('report_failures')) {
    const known = latest.get(body.scheduleId);
    if (!known || known.lastAttemptAt < body.lastAttemptAt) latest.set(body.scheduleId, body);
  }
  return latest;
}
