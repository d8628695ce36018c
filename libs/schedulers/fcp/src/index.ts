export { scheduleFcp, type FcpOptions, type ProcessorChoice } from './lib/fcp.js';
export { fcpPlugin } from './lib/fcp.js';
export { fcpPlugin as default } from './lib/fcp.js';
