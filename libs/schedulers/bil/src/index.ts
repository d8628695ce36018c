export { scheduleBil, type BilOptions, type ProcessorChoice } from './lib/bil.js';
export { bilPlugin } from './lib/bil.js';
export { bilPlugin as default } from './lib/bil.js';
