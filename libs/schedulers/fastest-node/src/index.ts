export { fastestNode, type FastestNodeResult } from './lib/fastest-node.js';
export { fastestNodePlugin } from './lib/fastest-node-plugin.js';
export { fastestNodePlugin as default } from './lib/fastest-node-plugin.js';
