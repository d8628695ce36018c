export * from './lib/dataset-spec.js';
export * from './lib/training-example.js';
export * from './lib/examples.js';
export * from './lib/traces.js';
export { splitExamples } from '@hetsched/scheduler-deepsched';
export * from './lib/atomic-file.js';
export * from './lib/dataset-files.js';
export * from './lib/train-to-folder.js';
export * from './lib/evaluate.js';
