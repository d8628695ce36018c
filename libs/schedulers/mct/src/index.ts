export { scheduleMct, type MctOptions, type ProcessorChoice } from './lib/mct.js';
export { mctPlugin } from './lib/mct.js';
export { mctPlugin as default } from './lib/mct.js';
