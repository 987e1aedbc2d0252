import { readFileSync } from 'node:fs';
import { AppError, attributePaths, formatRowError, parsePathSummary } from '@northstar/core';
import type { Command } from 'commander';
import { parseAttributionRequest, parseModels } from '../attribution/attribution-request.ts';
import { type AttributionResponse, runAttribution } from '../attribution/run-attribution.ts';
import { openStore } from '../data-dir.ts';
import type { GlobalOptions } from './main.ts';
import { printRows } from './output.ts';

interface AttributionFlags {
  model: string;
  conversion?: string;
  by?: string;
  lookback?: string;
  from?: string;
  to?: string;
  tz?: string;
  halfLife?: string;
  order?: string;
  paths?: string;
}

type Result = Pick<AttributionResponse, 'model' | 'rows'> & Partial<AttributionResponse>;

/** Several models print side by side: one row per key, one column of credited conversions per model. */
function sideBySide(results: readonly Result[], key: string): Record<string, unknown>[] {
  const rows = new Map<string, Record<string, unknown>>();
  for (const result of results) {
    for (const row of result.rows) {
      const name = String(row[key]);
      const line = rows.get(name) ?? { [key]: name };
      line[result.model] = row.conversions;
      line[`${result.model}_value`] = row.value;
      rows.set(name, line);
    }
  }
  return [...rows.values()];
}

function fromPathsFile(file: string, models: string): Result[] {
  const parsed = parsePathSummary(readFileSync(file, 'utf8'));
  if (!parsed.value) {
    throw new AppError('validation', `${file} has invalid rows:\n  ${parsed.errors.map(formatRowError).join('\n  ')}`);
  }
  const paths = parsed.value;
  return parseModels(models).map((model) => {
    const result = attributePaths(model, paths);
    return { model, rows: result.rows.map((r) => ({ channel: r.key, conversions: r.conversions, value: r.value })) };
  });
}

export function registerAttributionCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('attribution')
    .description('credit conversions to channels, sources, campaigns or pages by one or more models')
    .requiredOption('--model <models>', 'model, or a comma-separated list to compare (e.g. markov,linear)')
    .option('--conversion <kind>', 'lead, mql, sql, sal, opportunity, customer or deal (credit = revenue)', 'deal')
    .option('--by <dimension>', 'channel, source, campaign, landing_page or content', 'channel')
    .option('--lookback <days>', 'touches up to this many days before a conversion', '90')
    .option('--from <date>', 'first day of conversions (default: a year before --to)')
    .option('--to <date>', 'day after the last day (default: tomorrow)')
    .option('--tz <zone>', 'timezone of the dates (default: the workspace timezone)')
    .option('--half-life <days>', 'time decay half-life in days', '7')
    .option('--order <k>', 'Markov chain order', '1')
    .option('--paths <file>', 'attribute a path summary file (path,conversions,nulls,value) instead of stored data')
    .action(async (flags: AttributionFlags) => {
      const { data, format } = globals();
      let results: Result[];
      let key = 'channel';
      if (flags.paths) {
        results = fromPathsFile(flags.paths, flags.model);
      } else {
        const store = await openStore(data);
        try {
          const { timezone } = await store.getSettings();
          const request = parseAttributionRequest({ ...flags, half_life: flags.halfLife, model: flags.model }, timezone);
          key = request.by;
          results = await runAttribution(store, request);
        } finally {
          await store.close();
        }
      }
      if (results.length === 1) {
        const [only] = results as [Result];
        printRows(format, only.rows, only);
      } else {
        printRows(format, sideBySide(results, key), { results });
      }
    });
}
