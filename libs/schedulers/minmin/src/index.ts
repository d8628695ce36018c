export { scheduleMinmin, type MinminOptions, type ProcessorChoice } from './lib/minmin.js';
export { minminPlugin } from './lib/minmin.js';
export { minminPlugin as default } from './lib/minmin.js';
