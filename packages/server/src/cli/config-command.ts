import type { Command } from 'commander';
import { openStore } from '../data-dir.ts';
import type { WorkspaceSettings } from '../store/store.ts';
import type { GlobalOptions } from './main.ts';
import { printRows } from './output.ts';

export function registerConfigCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('config')
    .description('show or change the workspace settings (name, timezone, reporting currency)')
    .option('--name <name>', 'workspace name')
    .option('--timezone <zone>', 'IANA timezone that day, week and month boundaries follow')
    .option('--currency <code>', 'reporting currency (ISO 4217)')
    .option('--attribution-model <model>', 'default model of attributed_revenue, roi, romi and roas')
    .action(async (options: Partial<WorkspaceSettings>) => {
      const { data, format } = globals();
      const store = await openStore(data);
      try {
        const patch: Partial<WorkspaceSettings> = {};
        if (options.name !== undefined) patch.name = options.name;
        if (options.timezone !== undefined) patch.timezone = options.timezone;
        if (options.currency !== undefined) patch.currency = options.currency.toUpperCase();
        if (options.attributionModel !== undefined) patch.attributionModel = options.attributionModel;
        const settings = Object.keys(patch).length > 0 ? await store.updateSettings(patch) : await store.getSettings();
        printRows(format, [settings as unknown as Record<string, unknown>], settings);
      } finally {
        await store.close();
      }
    });
}
