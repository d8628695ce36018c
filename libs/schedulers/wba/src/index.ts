export { scheduleWba, type WbaOptions, type ProcessorChoice } from './lib/wba.js';
export { wbaPlugin } from './lib/wba.js';
export { wbaPlugin as default } from './lib/wba.js';
