export { scheduleDps, type DpsOptions, type ProcessorChoice } from './lib/dps.js';
export { dpsPlugin } from './lib/dps.js';
export { dpsPlugin as default } from './lib/dps.js';
