export { scheduleEtf, type EtfOptions, type ProcessorChoice } from './lib/etf.js';
export { etfPlugin } from './lib/etf.js';
export { etfPlugin as default } from './lib/etf.js';
