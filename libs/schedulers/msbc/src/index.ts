export { scheduleMsbc, type MsbcOptions, type ProcessorChoice } from './lib/msbc.js';
export { msbcPlugin } from './lib/msbc.js';
export { msbcPlugin as default } from './lib/msbc.js';
