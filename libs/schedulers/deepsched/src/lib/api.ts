// The library's model functions as the package exports them: each loads the TensorFlow.js side (runtime.ts) on
// first use, so that importing the package stays free of TensorFlow.js.
import type { evaluateModel as evaluateWith, scheduleWithModel as scheduleWith } from './infer.js';
import { loadedRuntime, loadRuntime } from './runtime.js';
import type { trainModel as trainWith } from './train.js';
import { DeepSchedError, type DeepSchedModel } from './types.js';

/** A model from the bytes of a model file (errors name the fault: bad magic, truncation, another feature set...). */
export async function loadModel(bytes: Uint8Array): Promise<DeepSchedModel> {
  return (await loadRuntime()).parseModel(bytes);
}

/**
 * The model file of a model. Synchronous: a model exists only once the TensorFlow.js side is loaded, so it is read
 * from there; anything else is not a model of this library.
 */
export function serializeModel(model: DeepSchedModel): Uint8Array {
  const runtime = loadedRuntime();
  if (runtime === undefined) throw new DeepSchedError('not a DeepSched model made by this library (use loadModel or trainModel)');
  return runtime.serializeModel(model);
}

/** Trains a model on labelled examples (train.ts, `trainModel`: batches by size bucket, Adam, early stopping). */
export async function trainModel(...args: Parameters<typeof trainWith>): ReturnType<typeof trainWith> {
  return (await loadRuntime()).trainModel(...args);
}

/** Schedules a problem with a model: encode, run the network, decode through insertion-based list scheduling. */
export async function scheduleWithModel(...args: Parameters<typeof scheduleWith>): ReturnType<typeof scheduleWith> {
  return (await loadRuntime()).scheduleWithModel(...args);
}

/** Processor agreement with labelled examples and the makespan ratio of the decoded schedules to the labels'. */
export async function evaluateModel(...args: Parameters<typeof evaluateWith>): ReturnType<typeof evaluateWith> {
  return (await loadRuntime()).evaluateModel(...args);
}
