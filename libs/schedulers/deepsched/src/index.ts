export * from './lib/types.js';
export { initBackend, BACKEND_ENV } from './lib/backend.js';
export {
  encodeProblem,
  encodeTargets,
  makeBatch,
  taskBucket,
  processorBucket,
  FEATURE_SET,
  TASK_FEATURES,
  PROCESSOR_FEATURES,
  PAIR_FEATURES,
  type EncodedProblem,
  type EncodedTargets,
  type Batch,
} from './lib/features.js';
export { serializeModel, loadModel, MODEL_MAGIC, MODEL_FORMAT_VERSION } from './lib/serialize.js';
export { trainModel } from './lib/train.js';
export { scheduleWithModel, evaluateModel } from './lib/infer.js';
export { deepschedPlugin, loadBuiltinModel, BUILTIN_MODEL_FILE, DEEPSCHED_MAX_PROCESSORS } from './lib/plugin.js';
export { deepschedPlugin as default } from './lib/plugin.js';
