import { statSync } from 'node:fs';
import { AppError, formatRowError, INPUT_KINDS, isInputKind } from '@northstar/core';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { openStore } from '../data-dir.ts';
import { type ImportReport, importRecords } from '../import/import-records.ts';
import { formatFromPath, openFile, readRecords } from '../import/read-records.ts';
import type { GlobalOptions } from './main.ts';
import { type OutputFormat, printRows } from './output.ts';

export function registerImportCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('import')
    .description(`import a CSV, JSON or NDJSON file of one kind (${INPUT_KINDS.join(', ')})`)
    .argument('<kind>', 'kind of input')
    .argument('<file>', 'file to import (.csv, .json, .ndjson)')
    .option('--strict', 'store nothing if any row is invalid', false)
    .action(async (kind: string, file: string, options: { strict: boolean }) => {
      const { data, format } = globals();
      if (!isInputKind(kind)) throw new AppError('unknownKind', `unknown kind '${kind}': expected one of ${INPUT_KINDS.join(', ')}`);
      const size = statSync(file).size;
      const stream = openFile(file);
      const bar = process.stderr.isTTY
        ? new SingleBar({ format: 'importing {bar} {percentage}% | {rows} rows', stream: process.stderr })
        : undefined;
      bar?.start(size, 0, { rows: 0 });
      const store = await openStore(data);
      try {
        const source = await readRecords(stream, formatFromPath(file));
        const report = await importRecords(store, kind, source, {
          strict: options.strict,
          onProgress: (rows) => bar?.update(stream.bytesRead, { rows }),
        });
        bar?.update(size, { rows: report.rowsRead });
        bar?.stop();
        printReport(report, format);
        if (report.rowsRejected > 0) process.exitCode = options.strict ? 1 : 2;
      } finally {
        bar?.stop();
        await store.close();
      }
    });
}

function printReport(report: ImportReport, format: OutputFormat): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  if (format === 'csv') {
    printRows('csv', report.errors as unknown as Record<string, unknown>[]);
    return;
  }
  const out = process.stdout;
  out.write(
    `${report.kind}: ${report.rowsRead} rows read, ${report.rowsValid} valid, ${report.rowsRejected} rejected\n` +
      (report.committed
        ? `stored: ${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged\n`
        : 'nothing stored (--strict and some rows are invalid)\n'),
  );
  const bots = Object.entries(report.botsDropped);
  if (bots.length > 0) out.write(`bots dropped: ${bots.map(([reason, n]) => `${n} (${reason})`).join(', ')}\n`);
  for (const warning of report.warnings) out.write(`warning: ${warning}\n`);
  for (const error of report.errors) out.write(`error: ${formatRowError(error)}\n`);
  const hidden = report.rowsRejected - new Set(report.errors.map((e) => e.row)).size;
  if (hidden > 0) out.write(`… and ${hidden} more rejected rows\n`);
}
