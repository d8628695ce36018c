export { heft, heftOrder } from './lib/heft.js';
export { heftPlugin } from './lib/heft-plugin.js';
export { heftPlugin as default } from './lib/heft-plugin.js';
