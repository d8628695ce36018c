export { scheduleDls, type DlsOptions, type ProcessorChoice } from './lib/dls.js';
export { dlsPlugin } from './lib/dls.js';
export { dlsPlugin as default } from './lib/dls.js';
