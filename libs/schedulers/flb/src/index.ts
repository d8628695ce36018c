export { flb } from './lib/flb.js';
export { flbPlugin } from './lib/flb-plugin.js';
export { flbPlugin as default } from './lib/flb-plugin.js';
