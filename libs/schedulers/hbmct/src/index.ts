export { scheduleHbmct, type HbmctOptions, type ProcessorChoice } from './lib/hbmct.js';
export { hbmctPlugin } from './lib/hbmct.js';
export { hbmctPlugin as default } from './lib/hbmct.js';
