/** Where the commands write: process.stdout / process.stderr, or a test's buffers. */
export interface CliStream {
  write(text: string): unknown;
  /** A terminal gets a live progress line; anything else one line per step. */
  isTTY?: boolean;
  columns?: number;
}

/** Where Ctrl-C arrives: the process, or a test's emitter. */
export interface InterruptSource {
  on(event: 'SIGINT', listener: () => void): unknown;
  off(event: 'SIGINT', listener: () => void): unknown;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  /**
   * How the commands were invoked, for usage lines and error prefixes: "hetsched deepsched" (the default: run by
   * the hetsched CLI as an installed package's command) or "hetsched-deepsched" (this package's own bin).
   */
  name?: string;
  /** Default: the process (SIGINT). */
  interrupts?: InterruptSource;
}

/** The name under which `hetsched deepsched train` is deprecated in favour of `hetsched train --scheduler deepsched`. */
export const HOSTED_NAME = 'hetsched deepsched';

/** What the commands share while one command line runs. */
export interface CliContext {
  stdout: CliStream;
  stderr: CliStream;
  name: string;
  interrupts: InterruptSource;
  /** The exit code a command asks for without failing (Ctrl-C: 130). */
  exitCode: number;
}

/** A value as the commands print it: indented JSON and a newline. */
export function writeJson(stream: CliStream, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}
