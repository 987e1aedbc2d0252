/**
 * `northstar workspaces create|list` and `northstar sites create|list|remove`: the workspaces of an
 * install (each a data directory under DIR/workspaces/<id>) and the tracked sites collected into
 * the one chosen with `--workspace`.
 */
import type { Command } from 'commander';
import { recordAudit } from '../auth/audit-log.ts';
import { openWorkspaceStore } from '../data-dir.ts';
import { listSites, listWorkspaces, registerSite, registerWorkspace, removeSite } from '../workspaces/workspace-registry.ts';
import type { GlobalOptions } from './main.ts';
import { printRows } from './output.ts';
import { withStore } from './with-store.ts';

const actor = (label: string) => ({ kind: 'cli' as const, id: null, label });

export function registerWorkspacesCommand(program: Command, globals: () => GlobalOptions): void {
  const workspaces = program.command('workspaces').description('the workspaces of this install, each with its own data');

  workspaces
    .command('create')
    .description('create an empty workspace; give it an admin with `northstar users create --workspace ID`')
    .requiredOption('--name <name>', 'what the team calls it')
    .option('--id <id>', 'its id (lower-case letters, digits, -); derived from the name by default')
    .action(async (options: { name: string; id?: string }) => {
      const { root, format } = globals();
      const created = await withStore(root, async (store) => {
        const info = await registerWorkspace(store.metadata, { name: options.name, id: options.id, createdBy: null });
        const { store: opened } = await openWorkspaceStore(root, info.id);
        await opened.updateSettings({ name: info.name }).finally(() => opened.close());
        await recordAudit(store.metadata, {
          actor: actor('northstar workspaces'),
          action: 'workspaces create',
          params: { id: info.id },
          status: 0,
        });
        return info;
      });
      if (format === 'table') process.stdout.write(`${created.id} ${created.name}\n`);
      else printRows(format, [{ ...created }], { workspace: created });
    });

  workspaces
    .command('list')
    .description('list the workspaces')
    .action(async () => {
      const { root, format } = globals();
      const list = await withStore(root, async (store) => listWorkspaces(store.metadata, (await store.getSettings()).name));
      printRows(
        format,
        list.map((w) => ({ ...w })),
        { workspaces: list },
      );
    });

  const sites = program.command('sites').description('tracked sites whose traffic is collected into the workspace (--workspace)');

  sites
    .command('create')
    .description("collect the tracker's traffic of a site id into the workspace")
    .requiredOption('--site <id>', "the tracker's data-site value")
    .option('--name <name>', 'a label')
    .action(async (options: { site: string; name?: string }) => {
      const { root, workspace, format } = globals();
      const site = await withStore(root, (store) =>
        registerSite(store.metadata, { id: options.site, workspace, name: options.name ?? null }),
      );
      if (format === 'table') process.stdout.write(`${site.id} → ${site.workspace}\n`);
      else printRows(format, [{ ...site }], { site });
    });

  sites
    .command('list')
    .description("list the workspace's sites")
    .action(async () => {
      const { root, workspace, format } = globals();
      const list = await withStore(root, (store) => listSites(store.metadata, workspace));
      printRows(
        format,
        list.map((s) => ({ ...s })),
        { sites: list },
      );
    });

  sites
    .command('remove')
    .description('stop collecting a site into the workspace (its traffic goes to the default workspace)')
    .requiredOption('--site <id>', 'the site id')
    .action(async (options: { site: string }) => {
      const { root, workspace } = globals();
      await withStore(root, (store) => removeSite(store.metadata, workspace, options.site));
    });
}
