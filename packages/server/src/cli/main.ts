import { isAppError } from '@northstar/core';
import { Command, CommanderError } from 'commander';
import { DEFAULT_DATA_DIR } from '../data-dir.ts';
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

export interface GlobalOptions {
  data: string;
  format: OutputFormat;
}

export function buildProgram(): Command {
  const program = new Command('northstar')
    .description('Northstar: marketing and sales KPIs on your own data')
    .option('--data <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('--format <format>', 'output format: table, json or csv (report: pdf or csv)', parseFormat, 'table' as OutputFormat)
    .showHelpAfterError()
    .enablePositionalOptions(false);
  const globals = () => program.opts<GlobalOptions>();
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
