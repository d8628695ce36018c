export { scheduleSufferage, type SufferageOptions, type ProcessorChoice } from './lib/sufferage.js';
export { sufferagePlugin } from './lib/sufferage.js';
export { sufferagePlugin as default } from './lib/sufferage.js';
