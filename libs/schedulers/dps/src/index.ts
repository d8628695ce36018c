export { dps, decisivePathLengths, dpsOrder } from './lib/dps.js';
export { dpsPlugin } from './lib/dps-plugin.js';
export { dpsPlugin as default } from './lib/dps-plugin.js';
