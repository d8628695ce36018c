export { scheduleFastestNode, type FastestNodeOptions, type ProcessorChoice } from './lib/fastest-node.js';
export { fastestNodePlugin } from './lib/fastest-node.js';
export { fastestNodePlugin as default } from './lib/fastest-node.js';
