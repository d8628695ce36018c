import { DatasetError, readDataset, readManifest } from '../lib/dataset-files.js';
import type { LabelledExample } from '../lib/training-example.js';
import { CliError, ExitCode } from './cli-error.js';

/** `--dataset DIR`: its examples, with its faults as one-line errors naming the file. */
export async function readDatasetArgument(dir: string): Promise<LabelledExample[]> {
  try {
    readManifest(dir);
    return await readDataset(dir);
  } catch (error) {
    throw asCliError(error, '--dataset');
  }
}

/** Dataset and spec faults are the user's input: one line naming the file or `flag`; anything else is returned as is. */
export function asCliError(error: unknown, flag: string): unknown {
  if (error instanceof DatasetError) return new CliError(error.message, ExitCode.invalidInput, { cause: error });
  if (error instanceof RangeError) return new CliError(error.message.replace(/^dataset spec: /, 'dataset: '), ExitCode.usage, { cause: error });
  if (error instanceof Error && /^(traces folder|trace) /.test(error.message)) return new CliError(`${flag}: ${error.message}`, ExitCode.invalidInput, { cause: error });
  return error;
}
