import { readFileSync } from 'node:fs';
import type { ArtifactSource } from '@hetsched/core';
import type { DeepSchedModel } from '@hetsched/scheduler-deepsched';
import { CliError, ExitCode } from './cli-error.js';

export interface LoadedModel {
  model: DeepSchedModel;
  /** The file's bytes (undefined for the built-in model), to hand to a scheduler run as an artifact. */
  bytes?: Uint8Array;
  /** "builtin" or the file name, for messages. */
  label: string;
}

/** `--model FILE|builtin`: the model, with errors naming the file. */
export async function loadModelArgument(value: string, flag = '--model'): Promise<LoadedModel> {
  // TensorFlow.js is imported on use (~0.4 s); the backend is chosen before it picks its default (and prints a banner).
  const { initBackend, loadBuiltinModel, loadModel } = await import('@hetsched/scheduler-deepsched');
  await initBackend();
  if (value === 'builtin') {
    try {
      return { model: await loadBuiltinModel(), label: 'builtin' };
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

/**
 * `schedule --model FILE`: the deepsched options and an artifact source serving that file under the model's
 * version id, the way the worker serves stored models from the database.
 */
export async function modelFileRun(scheduler: string, file: string): Promise<{ options: { model: string }; artifacts: ArtifactSource }> {
  if (scheduler !== 'deepsched') throw new CliError(`--model is an option of --scheduler deepsched, not of "${scheduler}"`, ExitCode.usage);
  const { model, bytes } = await loadModelArgument(file);
  const { DEEPSCHED_MODEL_ARTIFACT } = await import('@hetsched/scheduler-deepsched');
  const version = model.metadata.version;
  model.dispose();
  if (!bytes) return { options: { model: 'builtin' }, artifacts: { get: () => Promise.resolve(undefined) } };
  return {
    options: { model: version },
    artifacts: { get: (kind, id) => Promise.resolve(kind === DEEPSCHED_MODEL_ARTIFACT && id === version ? bytes : undefined) },
  };
}
