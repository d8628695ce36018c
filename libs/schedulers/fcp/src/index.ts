export { fcp } from './lib/fcp.js';
export { MessageEstimates } from './lib/message-estimates.js';
export { fcpPlugin } from './lib/fcp-plugin.js';
export { fcpPlugin as default } from './lib/fcp-plugin.js';
