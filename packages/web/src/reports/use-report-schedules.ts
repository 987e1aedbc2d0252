import { useQuery } from '@tanstack/react-query';
import { listReportSchedules } from '../api/reports.ts';

export const REPORTS_KEY = ['report-schedules'];

export function useReportSchedules() {
  return useQuery({ queryKey: REPORTS_KEY, queryFn: ({ signal }) => listReportSchedules(signal) });
}
