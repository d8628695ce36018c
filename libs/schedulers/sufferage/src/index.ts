export { sufferage, type SufferageOptions, type SufferageResult } from './lib/sufferage.js';
export { sufferagePlugin } from './lib/sufferage-plugin.js';
export { sufferagePlugin as default } from './lib/sufferage-plugin.js';
