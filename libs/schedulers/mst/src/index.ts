export { mst } from './lib/mst.js';
export { mstPlugin } from './lib/mst-plugin.js';
export { mstPlugin as default } from './lib/mst-plugin.js';
