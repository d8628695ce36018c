export { etf } from './lib/etf.js';
export { etfPlugin } from './lib/etf-plugin.js';
export { etfPlugin as default } from './lib/etf-plugin.js';
