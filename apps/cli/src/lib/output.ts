import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError, ExitCode } from './cli-error.js';

/** Writes to a file (creating its folder) or, with no file, to stdout. */
export function writeOutput(file: string | undefined, content: string): void {
  const text = content.endsWith('\n') ? content : `${content}\n`;
  if (!file || file === '-') {
    process.stdout.write(text);
    return;
  }
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    throw new CliError(`${file}: cannot write: ${(error as Error).message}`, ExitCode.invalidInput, { cause: error });
  }
}

export function toJson(value: unknown, compact = false): string {
  return compact ? JSON.stringify(value) : JSON.stringify(value, null, 2);
}
