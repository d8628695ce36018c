export { fcp } from './lib/fcp.js';
export { fcpPlugin } from './lib/fcp-plugin.js';
export { fcpPlugin as default } from './lib/fcp-plugin.js';
