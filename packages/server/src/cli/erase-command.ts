import { AppError } from '@northstar/core';
import type { Command } from 'commander';
import { recordAudit } from '../auth/audit-log.ts';
import { openStore } from '../data-dir.ts';
import { type EraseSubject, eraseSubject } from '../privacy/erase.ts';
import type { GlobalOptions } from './main.ts';
import { printRows } from './output.ts';

/** `northstar erase --contact ID | --visitor ID`: removes every row of that person from every table. */
export function registerEraseCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('erase')
    .description('erase a contact (with the visitors they were identified on) or a visitor: every row, in every table')
    .option('--contact <id>', 'contact id')
    .option('--visitor <id>', 'visitor id')
    .action(async (options: { contact?: string; visitor?: string }) => {
      if ((options.contact === undefined) === (options.visitor === undefined)) {
        throw new AppError('badRequest', 'give exactly one of --contact ID or --visitor ID');
      }
      const subject: EraseSubject =
        options.contact !== undefined ? { contactId: options.contact } : { visitorId: options.visitor as string };
      const { data, format } = globals();
      const store = await openStore(data);
      try {
        const result = await eraseSubject(store, subject);
        await recordAudit(store.metadata, {
          actor: { kind: 'cli', id: null, label: 'northstar erase' },
          action: 'erase',
          params: {},
          status: 0,
        });
        printRows(
          format,
          Object.entries(result.deleted).map(([table, rows]) => ({ table, rows })),
          result,
        );
      } finally {
        await store.close();
      }
    });
}
