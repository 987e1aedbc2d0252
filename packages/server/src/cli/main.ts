import { existsSync } from 'node:fs';
import { AppError, isAppError } from '@northstar/core';
import { Command, CommanderError } from 'commander';
import { DEFAULT_WORKSPACE } from '../auth/users.ts';
import { DEFAULT_DATA_DIR, databasePath } from '../data-dir.ts';
import { assertWorkspaceId, workspaceDataDir } from '../workspaces/workspace-registry.ts';
import { registerAttributionCommand } from './attribution-command.ts';
import { registerCollectorCommand } from './collector-command.ts';
import { registerConfigCommand } from './config-command.ts';
import { registerDemoCommand } from './demo-command.ts';
import { registerEraseCommand } from './erase-command.ts';
import { registerImportCommand } from './import-command.ts';
import { registerKeysCommand } from './keys-command.ts';
import { registerMigrateCommand } from './migrate-command.ts';
import { type OutputFormat, parseFormat } from './output.ts';
import { registerQueryCommands } from './query-command.ts';
import { registerReportCommand } from './report-command.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerUsersCommand } from './users-command.ts';
import { registerWorkspacesCommand } from './workspaces-command.ts';

export interface GlobalOptions {
  /** The data directory of the chosen workspace (`--workspace`; the root itself by default). */
  data: string;
  /** The install's data directory (`--data`): users, sessions and the list of workspaces. */
  root: string;
  workspace: string;
  format: OutputFormat;
}

function resolveGlobals(options: { data: string; format: OutputFormat; workspace?: string }): GlobalOptions {
  const workspace = options.workspace ?? DEFAULT_WORKSPACE;
  const data = workspaceDataDir(options.data, workspace);
  if (workspace !== DEFAULT_WORKSPACE) {
    assertWorkspaceId(workspace);
    if (!existsSync(databasePath(data))) {
      throw new AppError(
        'notFound',
        `no workspace '${workspace}' in ${options.data}: create it with \`northstar workspaces create --name NAME\``,
      );
    }
  }
  return { data, root: options.data, workspace, format: options.format };
}

export function buildProgram(): Command {
  const program = new Command('northstar')
    .description('Northstar: marketing and sales KPIs on your own data')
    .option('--data <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('--format <format>', 'output format: table, json or csv (report: pdf or csv)', parseFormat, 'table' as OutputFormat)
    .option('--workspace <id>', 'the workspace to work on (default: the default workspace)')
    .showHelpAfterError()
    .enablePositionalOptions(false);
  const globals = () => resolveGlobals(program.opts<{ data: string; format: OutputFormat; workspace?: string }>());
  registerServeCommand(program, globals);
  registerDemoCommand(program, globals);
  registerImportCommand(program, globals);
  registerConfigCommand(program, globals);
  registerAttributionCommand(program, globals);
  registerQueryCommands(program, globals);
  registerKeysCommand(program, globals);
  registerMigrateCommand(program, globals);
  registerUsersCommand(program, globals);
  registerEraseCommand(program, globals);
  registerReportCommand(program, globals);
  registerCollectorCommand(program, globals);
  registerWorkspacesCommand(program, globals);
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (isAppError(error)) {
      process.stderr.write(`error: ${error.message}\n`);
      const details = error.details as { errors?: unknown[] } | undefined;
      if (details?.errors) for (const e of details.errors) process.stderr.write(`  ${JSON.stringify(e)}\n`);
      process.exitCode = 1;
      return;
    }
    const nodeError = error as NodeJS.ErrnoException;
    if (nodeError?.code === 'ENOENT') {
      process.stderr.write(`error: no such file: ${nodeError.path ?? ''}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}
