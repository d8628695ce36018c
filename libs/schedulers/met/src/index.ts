export { scheduleMet, type MetOptions, type ProcessorChoice } from './lib/met.js';
export { metPlugin } from './lib/met.js';
export { metPlugin as default } from './lib/met.js';
