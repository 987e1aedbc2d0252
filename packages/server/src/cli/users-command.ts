import { AppError } from '@northstar/core';
import type { Command } from 'commander';
import { recordAudit } from '../auth/audit-log.ts';
import { generatePassword } from '../auth/passwords.ts';
import { isRole, ROLES } from '../auth/roles.ts';
import { deleteUserSessions } from '../auth/sessions.ts';
import { createUser, findUserByEmail, listUsers, setPassword } from '../auth/users.ts';
import type { GlobalOptions } from './main.ts';
import { printRows } from './output.ts';
import { withStore } from './with-store.ts';

const CLI_ACTOR = { kind: 'cli' as const, id: null, label: 'northstar users' };

/** `northstar users create|list|reset-password`: accounts from the server's shell (e.g. the first admin without the setup page). */
export function registerUsersCommand(program: Command, globals: () => GlobalOptions): void {
  const users = program.command('users').description('user accounts of the workspace');

  users
    .command('create')
    .description('create a user; without NORTHSTAR_PASSWORD a password is generated, printed once, and must be changed at first login')
    .requiredOption('--email <email>', 'the address the user signs in with')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .action(async (options: { email: string; role: string }) => {
      if (!isRole(options.role)) throw new AppError('badRequest', `unknown role '${options.role}': use ${ROLES.join(', ')}`);
      const role = options.role;
      const given = process.env.NORTHSTAR_PASSWORD;
      const password = given ?? generatePassword();
      const { root, workspace, format } = globals();
      // Users span workspaces: they live in the install's root, with a role in the chosen workspace.
      const user = await withStore(root, async (store) => {
        const created = await createUser(store.metadata, {
          email: options.email,
          password,
          role,
          workspace,
          mustChangePassword: given === undefined,
        });
        await recordAudit(store.metadata, { actor: CLI_ACTOR, action: 'users create', params: { id: created.id, role }, status: 0 });
        return created;
      });
      if (format === 'table') {
        process.stdout.write(`${user.id} ${user.email} ${user.role}\n`);
        if (given === undefined) process.stdout.write(`temporary password (shown once): ${password}\n`);
      } else {
        printRows(format, [{ ...user }], given === undefined ? { user, temporaryPassword: password } : { user });
      }
    });

  users
    .command('list')
    .description('list the users of the workspace')
    .action(async () => {
      const { root, workspace, format } = globals();
      const list = await withStore(root, (store) => listUsers(store.metadata, workspace));
      printRows(
        format,
        list.map((u) => ({ ...u })),
        { users: list },
      );
    });

  users
    .command('reset-password')
    .description('give a user a new temporary password (printed once) and sign them out everywhere')
    .requiredOption('--email <email>', 'the user')
    .action(async (options: { email: string }) => {
      const { root } = globals();
      const password = generatePassword();
      await withStore(root, async (store) => {
        const user = await findUserByEmail(store.metadata, options.email);
        if (!user) throw new AppError('notFound', `no user ${options.email}`);
        await setPassword(store.metadata, user.id, password, true);
        await deleteUserSessions(store.metadata, user.id);
        await recordAudit(store.metadata, { actor: CLI_ACTOR, action: 'users reset-password', params: { id: user.id }, status: 0 });
      });
      process.stdout.write(`temporary password (shown once): ${password}\n`);
    });
}
