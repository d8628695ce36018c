// The package's entry. Nothing here imports TensorFlow.js: hosts import every installed plugin at start, and the
// import costs ~0.4 s. The model functions (api.ts) and the plugin load it on first use; the lazy-import spec checks
// that importing this module leaves it unloaded.
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
export { MODEL_MAGIC, MODEL_FORMAT_VERSION, describeModelFile } from './lib/model-file.js';
export { loadModel, serializeModel, trainModel, scheduleWithModel, evaluateModel } from './lib/api.js';
export {
  heftSchedule,
  exampleSeed,
  generatedRecipe,
  generatedRecipes,
  makeGeneratedExample,
  generateTrainingExamples,
  checkGeneratedSpread,
  checkList,
  type GeneratedSpread,
  type GeneratedRecipe,
  type GeneratedExample,
} from './lib/examples.js';
export { splitExamples } from './lib/split.js';
export {
  TRAINING_BOUNDS,
  DEFAULT_TRAINING_DATASET,
  DEFAULT_TRAINING_PARAMETERS,
  TRAINING_PARAMETERS_SCHEMA,
  checkTrainingParameters,
  typedTrainingParameters,
  type TrainingDataset,
  type DeepSchedTrainingParameters,
} from './lib/training-parameters.js';
export { deepschedTraining, describeArtifact, artifactOf, BATCH_REPORT_MS } from './lib/training.js';
export { loadBuiltinModel, readBuiltinModelFile, BUILTIN_MODEL_FILE, BUILTIN_MODEL_ID } from './lib/models.js';
export { deepschedPlugin, DEEPSCHED_MAX_PROCESSORS } from './lib/plugin.js';
export { deepschedPlugin as default } from './lib/plugin.js';
