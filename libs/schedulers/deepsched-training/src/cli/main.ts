import { Command, CommanderError } from 'commander';
import { CliError, ExitCode } from './cli-error.js';
import { registerDataset } from './dataset-command.js';
import { registerEvaluateAndInfo } from './evaluate-command.js';
import { HOSTED_NAME, type CliContext, type CliIo } from './io.js';
import { registerTrain } from './train-command.js';

export { CliError, ExitCode } from './cli-error.js';
export { HOSTED_NAME, type CliIo, type CliStream, type InterruptSource } from './io.js';
export { TRAIN_DEPRECATION } from './train-command.js';

/** The DeepSched commands (dataset, train, evaluate, info) for one command line, writing where `cli` says. */
export function createProgram(cli: CliContext): Command {
  const program = new Command(cli.name)
    .description('DeepSched: HEFT-labelled datasets, training, evaluation and model files')
    .option('--debug', 'print stack traces of errors')
    .configureOutput({ writeOut: (text) => void cli.stdout.write(text), writeErr: (text) => void cli.stderr.write(text) })
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  // Subcommands inherit the output, the error hint and exitOverride from the program they are added to.
  registerDataset(program, cli);
  registerTrain(program, cli);
  registerEvaluateAndInfo(program, cli);
  return program;
}

/**
 * Runs one DeepSched command line and returns its exit code (0 ok, 1 bad input, 2 bad command line, 3 a bug, 130
 * stopped by Ctrl-C). `argv` are the arguments after the command's name, e.g. ["train", "--dataset", "ds", ...].
 * The hetsched CLI runs it as the command `hetsched deepsched` this package declares (package.json "hetsched"); the
 * package's bin `hetsched-deepsched` runs it with `io.name` "hetsched-deepsched". Errors meant for users print as
 * one line; anything else is a bug, printed with its stack only under --debug.
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const cli: CliContext = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    name: io.name ?? HOSTED_NAME,
    interrupts: io.interrupts ?? process,
    exitCode: ExitCode.ok,
  };
  // "hetsched: error: ..." when hosted by the hetsched CLI, as its own errors read.
  const prefix = cli.name.split(' ')[0]!;
  const debug = argv.includes('--debug');
  try {
    await createProgram(cli).parseAsync([...argv], { from: 'user' });
    return cli.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message (or the help text).
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof CliError) {
      cli.stderr.write(`${prefix}: error: ${error.message}\n`);
      if (debug) cli.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    cli.stderr.write(`${prefix}: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error) cli.stderr.write(`${error.stack}\n`);
    return ExitCode.internal;
  }
}
