export { scheduleCpop, type CpopOptions, type ProcessorChoice } from './lib/cpop.js';
export { cpopPlugin } from './lib/cpop.js';
export { cpopPlugin as default } from './lib/cpop.js';
