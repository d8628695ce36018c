import { ScheduleAbortedError, SCHEDULER_PLUGIN_API_VERSION, type ScheduleContext, type SchedulerPlugin } from '@hetsched/core';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { initBackend } from './backend.js';
import { scheduleWithModel } from './infer.js';
import { DeepSchedNetwork } from './network.js';
import { parseModel } from './serialize.js';
import { assertProcessorsWithin, DEEPSCHED_MODEL_ARTIFACT, DeepSchedError, type DecodeOrder, type DeepSchedModel } from './types.js';

/** Repo-relative path of the shipped model, for docs and tools. */
export const BUILTIN_MODEL_FILE = 'libs/schedulers/deepsched/model/builtin.dsm';

/**
 * The shipped model's URL: `model/` sits next to `src/` and `dist/` in the package folder, and this file is
 * `src/lib/plugin.ts` or `dist/lib/plugin.js`, so the same relative path serves both.
 */
const BUILTIN_MODEL_URL = new URL('../../model/builtin.dsm', import.meta.url);

/** The declared maximum cluster size of the plugin (the shipped model's; other models declare their own). */
export const DEEPSCHED_MAX_PROCESSORS = 32;

let builtin: Promise<DeepSchedModel> | undefined;

/** The model shipped in the repository, loaded once per process (again if a caller disposed of it). */
export async function loadBuiltinModel(): Promise<DeepSchedModel> {
  if (builtin !== undefined && isDisposed(await builtin.catch(() => undefined))) builtin = undefined;
  builtin ??= (async () => {
    await initBackend();
    const path = fileURLToPath(BUILTIN_MODEL_URL);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch (error) {
      throw new DeepSchedError(`the built-in DeepSched model ${BUILTIN_MODEL_FILE} cannot be read: ${(error as Error).message}`, { cause: error });
    }
    return parseModel(bytes, `the built-in DeepSched model ${BUILTIN_MODEL_FILE}`);
  })();
  builtin.catch(() => (builtin = undefined));
  return builtin;
}

/** Models fetched from the host's artifacts, by version id: a few stay loaded (runs often reuse the same one). */
const stored = new Map<string, Promise<DeepSchedModel>>();
const STORED_KEPT = 4;

async function modelFor(id: string, context: ScheduleContext): Promise<DeepSchedModel> {
  if (id === 'builtin') return loadBuiltinModel();
  let model = stored.get(id);
  if (model !== undefined && isDisposed(await model.catch(() => undefined))) {
    stored.delete(id);
    model = undefined;
  }
  if (model === undefined) {
    const artifacts = context.artifacts;
    if (artifacts === undefined) {
      throw new DeepSchedError(`deepsched: option model "${id}" names a stored model, but this host keeps no artifacts; use model "builtin"`);
    }
    model = (async () => {
      const bytes = await artifacts.get(DEEPSCHED_MODEL_ARTIFACT, id);
      if (bytes === undefined) throw new DeepSchedError(`deepsched: no stored model "${id}" (artifact kind "${DEEPSCHED_MODEL_ARTIFACT}")`);
      return parseModel(bytes, `stored DeepSched model "${id}"`);
    })();
    stored.set(id, model);
    model.catch(() => stored.delete(id));
    if (stored.size > STORED_KEPT) {
      const [oldest, evicted] = stored.entries().next().value!;
      stored.delete(oldest);
      evicted.then((m) => m.dispose(), () => undefined);
    }
  }
  return model;
}

function isDisposed(model: DeepSchedModel | undefined): boolean {
  return model instanceof DeepSchedNetwork && model.isDisposed;
}

export const deepschedPlugin: SchedulerPlugin = {
  metadata: {
    name: 'deepsched',
    version: '1.0.0',
    description:
      'DeepSched (Shawky et al.): a neural network (Conv1D machine encoder, bidirectional-GRU task encoder) trained on HEFT schedules, its predictions decoded by insertion-based list scheduling.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true, maxProcessors: DEEPSCHED_MAX_PROCESSORS },
  },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      model: {
        type: 'string',
        default: 'builtin',
        description: 'The trained model: "builtin" (shipped in the repository) or the version id of a stored model.',
      },
      order: {
        type: 'string',
        enum: ['predicted-start', 'upward-rank'],
        description:
          'Decoding order: by the predicted start time (a ready list, so precedence holds) or by upward rank. Default: upward-rank for an autoregressive model (the order its state features were trained in), predicted-start for the paper\'s one-shot network.',
      },
      candidates: {
        type: 'integer',
        default: 1,
        minimum: 1,
        maximum: 32,
        description:
          'Processors considered per task: 1 takes the most probable (the paper); k > 1 takes, of the k most probable, the one where the task finishes earliest (an extension).',
      },
    },
  },
  async schedule(problem, options, context) {
    if (context.signal.aborted) throw new ScheduleAbortedError();
    const backend = await initBackend();
    const model = await modelFor(String(options['model']), context);
    assertProcessorsWithin(problem.processorCount, model.metadata.config.maxProcessors);
    const result = await scheduleWithModel(model, problem, {
      order: options['order'] as DecodeOrder,
      candidates: options['candidates'] as number,
    });
    return {
      schedule: result.schedule,
      info: {
        modelVersion: model.metadata.version,
        backend: backend.name,
        deviation: result.deviation,
        inferenceMs: result.inferenceMs,
        decodeMs: result.decodeMs,
      },
    };
  },
};
