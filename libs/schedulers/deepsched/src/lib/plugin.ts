import { ScheduleAbortedError, SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { scheduleWithModel } from './api.js';
import { initBackend } from './backend.js';
import { BUILTIN_MODEL_ID, modelNamed } from './models.js';
import { deepschedTraining } from './training.js';
import { assertProcessorsWithin, type DecodeOrder } from './types.js';

/** The declared maximum cluster size of the plugin (the shipped model's; other models declare their own). */
export const DEEPSCHED_MAX_PROCESSORS = 32;
/** `candidates` may ask for at most this many processors per task. */
const MAX_CANDIDATES = 32;

/**
 * The `deepsched` scheduler: a trained model (the shipped one, or a stored one by version id) schedules the problem,
 * its predictions decoded by insertion-based list scheduling; `training` trains new models (training.ts).
 * Importing this module loads no TensorFlow.js: schedule() and train() load it on first use.
 */
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
        default: BUILTIN_MODEL_ID,
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
        maximum: MAX_CANDIDATES,
        description:
          'Processors considered per task: 1 takes the most probable (the paper); k > 1 takes, of the k most probable, the one where the task finishes earliest (an extension).',
      },
    },
  },
  async schedule(problem, options, context) {
    if (context.signal.aborted) throw new ScheduleAbortedError();
    const backend = await initBackend();
    const model = await modelNamed(String(options['model']), context.artifacts);
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
  training: deepschedTraining,
};
