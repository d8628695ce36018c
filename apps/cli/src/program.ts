import { Command, CommanderError } from 'commander';
import { registerCompare } from './commands/compare.js';
import { registerConvert } from './commands/convert.js';
import { registerGenerate } from './commands/generate.js';
import { registerHardInstance } from './commands/hard-instance.js';
import { registerSchedule } from './commands/schedule.js';
import { registerSchedulers } from './commands/schedulers.js';
import { registerTrain } from './commands/train.js';
import { registerValidate } from './commands/validate.js';
import { CliError, ExitCode } from './lib/cli-error.js';
import { extensionCommandsHelp, runExtensionCommand } from './lib/extension-commands.js';

export function createProgram(): Command {
  const program = new Command('hetsched')
    .description('Schedule workflow DAGs onto heterogeneous processor clusters.')
    .version('0.1.0')
    .option('--debug', 'print stack traces of errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerSchedule(program);
  registerCompare(program);
  registerValidate(program);
  registerGenerate(program);
  registerConvert(program);
  registerSchedulers(program);
  registerTrain(program);
  registerHardInstance(program);
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
    // `hetsched <name> ...` where <name> is no built-in command: a command an installed package contributes.
    const first = argv[2];
    if (first !== undefined && !first.startsWith('-') && first !== 'help' && !program.commands.some((c) => c.name() === first)) {
      const code = await runExtensionCommand(first, argv.slice(3));
      if (code !== undefined) return code;
    }
    if (argv.length <= 2 || argv.includes('--help') || argv.includes('-h') || first === 'help') program.addHelpText('after', await extensionCommandsHelp());
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
