export { olb } from './lib/olb.js';
export { olbPlugin } from './lib/olb-plugin.js';
export { olbPlugin as default } from './lib/olb-plugin.js';
