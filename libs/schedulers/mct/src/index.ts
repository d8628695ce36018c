export { mct, type MctOptions } from './lib/mct.js';
export { mctPlugin } from './lib/mct-plugin.js';
export { mctPlugin as default } from './lib/mct-plugin.js';
