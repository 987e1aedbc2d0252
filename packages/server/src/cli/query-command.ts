import { listMetrics, parseQueryRequest } from '@northstar/core';
import type { Command } from 'commander';
import { openStore } from '../data-dir.ts';
import { runQuery } from '../metrics/run-query.ts';
import { loadWorkspaceCatalog } from '../metrics/workspace-catalog.ts';
import type { GlobalOptions } from './main.ts';
import { printRows } from './output.ts';

interface QueryFlags {
  from?: string;
  to?: string;
  grain?: string;
  by?: string;
  filter: string[];
  compare?: string;
  tz?: string;
  limit?: string;
  model?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerQueryCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('query')
    .description('compute KPIs over a period, by grain and dimensions, with a comparison')
    .argument('<metrics>', 'metric ids, comma-separated (see `northstar metrics`)')
    .option('--from <date>', 'first day, YYYY-MM-DD (default: 30 days before --to)')
    .option('--to <date>', 'day after the last day, YYYY-MM-DD (default: tomorrow)')
    .option('--grain <grain>', 'day, week, month, quarter, year or all', 'all')
    .option('--by <dimensions>', 'dimensions to break down by, comma-separated')
    .option('--filter <DIM=VALUE>', 'filter (repeatable): DIM=VALUE, DIM=A|B or DIM~TEXT', collect, [])
    .option('--compare <period>', 'previous or year')
    .option('--tz <zone>', 'timezone (default: the workspace timezone)')
    .option('--limit <n>', 'rows per period for tables')
    .option('--model <model>', 'attribution model of attributed_revenue, roi, romi and roas (default: the workspace setting)')
    .action(async (metrics: string, flags: QueryFlags) => {
      const { data, format } = globals();
      const input: Record<string, unknown> = { metrics };
      for (const key of ['from', 'to', 'grain', 'by', 'compare', 'tz', 'limit', 'model'] as const) {
        if (flags[key] !== undefined) input[key] = flags[key];
      }
      if (flags.filter.length > 0) input.filter = flags.filter;
      const request = parseQueryRequest(input);
      const store = await openStore(data);
      try {
        const result = await runQuery(store, request, { catalog: await loadWorkspaceCatalog(store.metadata) });
        printRows(format, result.rows as Record<string, unknown>[], result);
      } finally {
        await store.close();
      }
    });

  program
    .command('metrics')
    .description('list the KPI catalog: id, unit, direction, dimensions, definition')
    .action(async () => {
      const { data, format } = globals();
      const store = await openStore(data);
      try {
        const metrics = listMetrics(await loadWorkspaceCatalog(store.metadata));
        const rows = metrics.map((m) => ({
          id: m.id,
          name: m.name,
          unit: m.unit,
          direction: m.direction,
          dimensions: m.dimensions.join(', '),
          ...(format === 'table' ? {} : { description: m.description }),
        }));
        printRows(format, rows, { metrics });
      } finally {
        await store.close();
      }
    });
}
