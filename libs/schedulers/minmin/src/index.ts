export { minmin } from './lib/minmin.js';
export { minminPlugin } from './lib/minmin-plugin.js';
export { minminPlugin as default } from './lib/minmin-plugin.js';
