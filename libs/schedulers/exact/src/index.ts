export { scheduleExact, type ExactOptions, type ProcessorChoice } from './lib/exact.js';
export { exactPlugin } from './lib/exact.js';
export { exactPlugin as default } from './lib/exact.js';
