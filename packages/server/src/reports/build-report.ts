/** A dashboard's report for a range: the computed tiles, their HTML page, the PDF and the CSVs. */
import { loadWorkspaceCatalog } from '../metrics/workspace-catalog.ts';
import type { Store } from '../store/store.ts';
import { computeDashboard, type DashboardData, loadDashboard } from './dashboard-data.ts';
import { htmlToPdf } from './render-pdf.ts';
import { dashboardCsv, tileCsv, tileCsvFilename } from './report-csv.ts';
import { renderReportHtml } from './report-html.ts';

export interface ReportRange {
  from: string;
  /** Exclusive. */
  to: string;
}

export interface BuiltReport {
  data: DashboardData;
  html: string;
}

export async function buildReport(store: Store, dashboardId: string, range: ReportRange, now = new Date()): Promise<BuiltReport> {
  const catalog = await loadWorkspaceCatalog(store.metadata);
  const settings = await store.getSettings();
  const data = await computeDashboard(store, await loadDashboard(store, dashboardId), range, { catalog, now });
  const html = renderReportHtml(data, { workspace: settings.name, currency: settings.currency, catalog, generatedAt: now });
  return { data, html };
}

export async function reportPdf(report: BuiltReport): Promise<Buffer> {
  return htmlToPdf(report.html);
}

export function reportCsv(report: BuiltReport): string {
  return dashboardCsv(report.data);
}

export function reportCsvAttachments(report: BuiltReport): Array<{ filename: string; content: string }> {
  return report.data.tiles.map((tile) => ({ filename: tileCsvFilename(tile), content: tileCsv(tile) }));
}
