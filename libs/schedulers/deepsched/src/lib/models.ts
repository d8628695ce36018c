import type { ArtifactSource } from '@hetsched/core';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadedRuntime, loadRuntime } from './runtime.js';
import { DEEPSCHED_MODEL_ARTIFACT, DeepSchedError, type DeepSchedModel } from './types.js';

/** Repo-relative path of the shipped model, for docs and tools. */
export const BUILTIN_MODEL_FILE = 'libs/schedulers/deepsched/model/builtin.dsm';
/** The `model` option's value (and the training parameter `from`'s) that names the shipped model. */
export const BUILTIN_MODEL_ID = 'builtin';

/**
 * The shipped model's URL: `model/` sits next to `src/` and `dist/` in the package folder, and this file is
 * `src/lib/models.ts` or `dist/lib/models.js`, so the same relative path serves both.
 */
const BUILTIN_MODEL_URL = new URL('../../model/builtin.dsm', import.meta.url);

/** Models fetched from the host's artifacts, by version id: a few stay loaded (runs often reuse the same one). */
const STORED_KEPT = 4;
const stored = new Map<string, Promise<DeepSchedModel>>();
let builtin: Promise<DeepSchedModel> | undefined;

/** The shipped model's file, read without TensorFlow.js (to describe it, or to train from it). */
export async function readBuiltinModelFile(): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(fileURLToPath(BUILTIN_MODEL_URL)));
  } catch (error) {
    throw new DeepSchedError(`the built-in DeepSched model ${BUILTIN_MODEL_FILE} cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

/** The model shipped in the repository, loaded once per process (again if a caller disposed of it). */
export async function loadBuiltinModel(): Promise<DeepSchedModel> {
  if (builtin !== undefined && isDisposed(await builtin.catch(() => undefined))) builtin = undefined;
  builtin ??= (async () => {
    const runtime = await loadRuntime();
    return runtime.parseModel(await readBuiltinModelFile(), `the built-in DeepSched model ${BUILTIN_MODEL_FILE}`);
  })();
  builtin.catch(() => (builtin = undefined));
  return builtin;
}

/**
 * The model named by the `model` option: "builtin", or a stored model's version id fetched through the host's
 * artifacts and kept loaded among the last few.
 */
export async function modelNamed(id: string, artifacts: ArtifactSource | undefined): Promise<DeepSchedModel> {
  if (id === BUILTIN_MODEL_ID) return loadBuiltinModel();
  let model = stored.get(id);
  if (model !== undefined && isDisposed(await model.catch(() => undefined))) {
    stored.delete(id);
    model = undefined;
  }
  if (model === undefined) {
    if (artifacts === undefined) {
      throw new DeepSchedError(`deepsched: option model "${id}" names a stored model, but this host keeps no artifacts; use model "${BUILTIN_MODEL_ID}"`);
    }
    model = (async () => {
      const bytes = await artifacts.get(DEEPSCHED_MODEL_ARTIFACT, id);
      if (bytes === undefined) throw new DeepSchedError(`deepsched: no stored model "${id}" (artifact kind "${DEEPSCHED_MODEL_ARTIFACT}")`);
      return (await loadRuntime()).parseModel(bytes, `stored DeepSched model "${id}"`);
    })();
    stored.set(id, model);
    model.catch(() => stored.delete(id));
    evictOldest();
  }
  return model;
}

/** Disposes of the oldest kept model beyond STORED_KEPT (a Map iterates in insertion order). */
function evictOldest(): void {
  if (stored.size <= STORED_KEPT) return;
  const [oldest, evicted] = stored.entries().next().value!;
  stored.delete(oldest);
  evicted.then((m) => m.dispose(), () => undefined);
}

function isDisposed(model: DeepSchedModel | undefined): boolean {
  const runtime = loadedRuntime();
  return runtime !== undefined && model instanceof runtime.DeepSchedNetwork && model.isDisposed;
}
