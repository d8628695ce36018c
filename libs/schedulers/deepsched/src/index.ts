export { scheduleDeepsched, type DeepschedOptions, type ProcessorChoice } from './lib/deepsched.js';
export { deepschedPlugin } from './lib/deepsched.js';
export { deepschedPlugin as default } from './lib/deepsched.js';
