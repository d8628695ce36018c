import { readFileSync } from 'node:fs';
import { BUILTIN_MODEL_ID, initBackend, loadBuiltinModel, loadModel, type DeepSchedModel } from '@hetsched/scheduler-deepsched';
import { CliError, ExitCode } from './cli-error.js';

export interface LoadedModel {
  model: DeepSchedModel;
  /** The file's bytes (undefined for the built-in model). */
  bytes?: Uint8Array;
  /** "builtin" or the file name, for messages. */
  label: string;
}

/** `--model FILE|builtin`: the model, with errors naming the flag and the file. */
export async function loadModelArgument(value: string, flag = '--model'): Promise<LoadedModel> {
  // The backend is chosen before TensorFlow.js picks its default (and prints a banner).
  await initBackend();
  if (value === BUILTIN_MODEL_ID) {
    try {
      return { model: await loadBuiltinModel(), label: BUILTIN_MODEL_ID };
    } catch (error) {
      throw new CliError(`the built-in DeepSched model cannot be loaded: ${(error as Error).message}`, ExitCode.internal, { cause: error });
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(value);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new CliError(`${flag} ${value}: ${reason}`, ExitCode.invalidInput, { cause: error });
  }
  try {
    return { model: await loadModel(bytes), bytes, label: value };
  } catch (error) {
    throw new CliError(`${flag} ${value}: ${(error as Error).message}`, ExitCode.invalidInput, { cause: error });
  }
}
