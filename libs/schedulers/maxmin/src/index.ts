export { maxmin, type MaxminOptions } from './lib/maxmin.js';
export { maxminPlugin } from './lib/maxmin-plugin.js';
export { maxminPlugin as default } from './lib/maxmin-plugin.js';
