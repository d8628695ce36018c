export { scheduleDuplex, type DuplexOptions, type ProcessorChoice } from './lib/duplex.js';
export { duplexPlugin } from './lib/duplex.js';
export { duplexPlugin as default } from './lib/duplex.js';
