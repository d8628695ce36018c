export { mst } from './lib/mst.js';
export { dataReadyTimes } from './lib/data-ready.js';
export { mstPlugin } from './lib/mst-plugin.js';
export { mstPlugin as default } from './lib/mst-plugin.js';
