export { msbc, msbcEstimates, processorsFastestFirst, type MsbcEstimates, type MsbcOptions } from './lib/msbc.js';
export { scheduleEarliestStart } from './lib/earliest-start.js';
export { msbcPlugin } from './lib/msbc-plugin.js';
export { msbcPlugin as default } from './lib/msbc-plugin.js';
