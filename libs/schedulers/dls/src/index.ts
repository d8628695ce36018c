export { dls } from './lib/dls.js';
export { medianCosts } from './lib/median-costs.js';
export { dlsPlugin } from './lib/dls-plugin.js';
export { dlsPlugin as default } from './lib/dls-plugin.js';
