export { scheduleFlb, type FlbOptions, type ProcessorChoice } from './lib/flb.js';
export { flbPlugin } from './lib/flb.js';
export { flbPlugin as default } from './lib/flb.js';
