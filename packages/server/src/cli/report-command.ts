import { writeFile } from 'node:fs/promises';
import { AppError } from '@northstar/core';
import type { Command } from 'commander';
import { openStore } from '../data-dir.ts';
import { buildReport, reportCsv, reportPdf } from '../reports/build-report.ts';
import { resolveRange } from '../reports/report-range.ts';
import type { GlobalOptions } from './main.ts';

interface ReportFlags {
  dashboard: string;
  out: string;
  from?: string;
  to?: string;
}

export function registerReportCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('report')
    .description('export a dashboard as a PDF report (--format pdf, the default here) or its tiles as CSV (--format csv)')
    .requiredOption('--dashboard <id>', 'dashboard id (see GET /api/v1/dashboards)')
    .requiredOption('--out <file>', 'file to write')
    .option('--from <date>', 'first day, YYYY-MM-DD (default: 30 days before --to)')
    .option('--to <date>', 'day after the last day, YYYY-MM-DD (default: tomorrow)')
    .action(async (flags: ReportFlags) => {
      const { data, format: chosen } = globals();
      // The global default (table) means "not chosen": a report is a PDF unless CSV is asked for.
      const format = chosen === 'table' ? 'pdf' : chosen;
      if (format !== 'pdf' && format !== 'csv') throw new AppError('badRequest', `a report is pdf or csv, not '${format}'`);
      const store = await openStore(data);
      try {
        const report = await buildReport(store, flags.dashboard, await resolveRange(store, flags.from, flags.to));
        if (format === 'csv') await writeFile(flags.out, reportCsv(report));
        else await writeFile(flags.out, await reportPdf(report));
        const failed = report.data.tiles.filter((t) => t.error);
        for (const t of failed) process.stderr.write(`warning: tile ${t.tile.id}: ${t.error}\n`);
        process.stdout.write(
          `${flags.out}: ${report.data.name}, ${report.data.tiles.length} tiles, ${report.data.from} to ${report.data.to} (exclusive)\n`,
        );
      } finally {
        await store.close();
      }
    });
}
