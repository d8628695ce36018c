import { Command, CommanderError } from 'commander';
import { registerConvert } from './commands/convert.js';
import { registerDeepsched } from './commands/deepsched.js';
import { registerGenerate } from './commands/generate.js';
import { registerSchedule } from './commands/schedule.js';
import { registerSchedulers } from './commands/schedulers.js';
import { registerValidate } from './commands/validate.js';
import { CliError, ExitCode } from './lib/cli-error.js';

export function createProgram(): Command {
  const program = new Command('hetsched')
    .description('Schedule workflow DAGs onto heterogeneous processor clusters.')
    .version('0.1.0')
    .option('--debug', 'print stack traces of errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerSchedule(program);
  registerValidate(program);
  registerGenerate(program);
  registerConvert(program);
  registerSchedulers(program);
  registerDeepsched(program);
  for (const command of program.commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
  }
  return program;
}

/**
 * Runs the command line and returns the exit code. Errors meant for users print as one line; anything else is a
 * bug, printed with its stack only under --debug.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message (or the help / version text).
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(`hetsched: error: ${error.message}\n`);
      if (debug) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`hetsched: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return ExitCode.internal;
  }
}
