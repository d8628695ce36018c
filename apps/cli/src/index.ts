export { createProgram, main } from './program.js';
export { CliError, ExitCode } from './lib/cli-error.js';
