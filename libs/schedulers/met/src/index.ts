export { met, type MetOptions } from './lib/met.js';
export { metPlugin } from './lib/met-plugin.js';
export { metPlugin as default } from './lib/met-plugin.js';
