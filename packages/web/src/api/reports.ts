/** Scheduled reports (/api/v1/reports): a dashboard emailed weekly or monthly as a PDF, with its tiles as CSV if chosen. */
import { request } from './client.ts';

export const REPORT_FREQUENCIES = ['weekly', 'monthly'] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];

export interface ReportScheduleInput {
  name?: string;
  dashboardId: string;
  frequency: ReportFrequency;
  recipients: string[];
  /** The tiles as CSV attachments besides the PDF (always sent). */
  csv: boolean;
  enabled?: boolean;
}

export interface ReportSchedule extends ReportScheduleInput {
  id: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** The due run's last failed render, while it waits for its next attempt. */
  lastFailure?: { attempts: number; lastError: string; nextAttemptAt: string; from: string; to: string };
}

export async function listReportSchedules(signal?: AbortSignal): Promise<ReportSchedule[]> {
  return (await request<{ reports: ReportSchedule[] }>('GET', '/reports', undefined, signal)).reports;
}

export function createReportSchedule(input: ReportScheduleInput): Promise<ReportSchedule> {
  return request('POST', '/reports', input);
}

export function deleteReportSchedule(id: string): Promise<void> {
  return request('DELETE', `/reports/${encodeURIComponent(id)}`);
}
