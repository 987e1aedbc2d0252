import { AppError } from '@northstar/core';
import type { Command } from 'commander';
import { createApiKey, isKeyScope, KEY_SCOPES, listApiKeys, revokeApiKey } from '../auth/api-keys.ts';
import type { GlobalOptions } from './main.ts';
import { printRows } from './output.ts';
import { withStore } from './with-store.ts';

export function registerKeysCommand(program: Command, globals: () => GlobalOptions): void {
  const keys = program.command('keys').description('API keys for server-side senders and scripts');

  keys
    .command('create')
    .description('create an API key; it is printed once and stored only as a hash')
    .requiredOption('--scope <scope>', `what the key may do: ${KEY_SCOPES.join(', ')}`)
    .option('--name <name>', 'a label to recognise the key by')
    .action(async (options: { scope: string; name?: string }) => {
      if (!isKeyScope(options.scope)) throw new AppError('badRequest', `unknown scope '${options.scope}': use ${KEY_SCOPES.join(', ')}`);
      const scope = options.scope;
      const { data, format } = globals();
      const created = await withStore(data, (store) => createApiKey(store.metadata, scope, options.name ?? null));
      if (format === 'table') {
        process.stdout.write(`${created.key}\n`);
        process.stderr.write(`API key ${created.id} (scope ${created.scope}) created. Keep it now: it cannot be shown again.\n`);
      } else {
        printRows(format, [{ ...created }], created);
      }
    });

  keys
    .command('list')
    .description('list API keys (never the keys themselves)')
    .action(async () => {
      const { data, format } = globals();
      const list = await withStore(data, (store) => listApiKeys(store.metadata));
      printRows(
        format,
        list.map((k) => ({ ...k })),
        { keys: list },
      );
    });

  keys
    .command('revoke')
    .description('revoke an API key; requests with it are refused from then on')
    .argument('<id>', 'key id, as `keys list` shows it')
    .action(async (id: string) => {
      const { data, format } = globals();
      const revoked = await withStore(data, (store) => revokeApiKey(store.metadata, id));
      if (!revoked) throw new AppError('notFound', `no API key ${id}`);
      printRows(format, [{ ...revoked }], revoked);
    });
}
