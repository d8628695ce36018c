export { scheduleMst, type MstOptions, type ProcessorChoice } from './lib/mst.js';
export { mstPlugin } from './lib/mst.js';
export { mstPlugin as default } from './lib/mst.js';
