export { scheduleMaxmin, type MaxminOptions, type ProcessorChoice } from './lib/maxmin.js';
export { maxminPlugin } from './lib/maxmin.js';
export { maxminPlugin as default } from './lib/maxmin.js';
