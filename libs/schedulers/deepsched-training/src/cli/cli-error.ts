/** Exit codes: scripts can tell bad input (1) from a bad command line (2), a bug (3) and Ctrl-C (130). */
export const ExitCode = {
  ok: 0,
  invalidInput: 1,
  usage: 2,
  internal: 3,
  /** A run stopped by Ctrl-C (128 + SIGINT), after it kept its best checkpoint. */
  interrupted: 130,
} as const;

/** An error meant for the user: printed as one line, without a stack trace (unless --debug). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.invalidInput,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = this.constructor.name;
  }
}
