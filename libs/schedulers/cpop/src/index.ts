export { cpop, cpopPriorities, criticalPath, criticalPathProcessor } from './lib/cpop.js';
export { cpopPlugin } from './lib/cpop-plugin.js';
export { cpopPlugin as default } from './lib/cpop-plugin.js';
