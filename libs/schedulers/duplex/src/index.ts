export { duplex, type DuplexOptions, type DuplexResult } from './lib/duplex.js';
export { duplexPlugin } from './lib/duplex-plugin.js';
export { duplexPlugin as default } from './lib/duplex-plugin.js';
