export * from './lib/dataset-spec.js';
export * from './lib/training-example.js';
export * from './lib/examples.js';
export * from './lib/traces.js';
export * from './lib/split.js';
export * from './lib/atomic-file.js';
export * from './lib/dataset-files.js';
