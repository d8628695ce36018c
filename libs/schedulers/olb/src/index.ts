export { scheduleOlb, type OlbOptions, type ProcessorChoice } from './lib/olb.js';
export { olbPlugin } from './lib/olb.js';
export { olbPlugin as default } from './lib/olb.js';
