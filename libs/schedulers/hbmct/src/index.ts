export { hbmct } from './lib/hbmct.js';
export { scheduleGroup } from './lib/bmct.js';
export { independentGroups } from './lib/groups.js';
export { hbmctPlugin } from './lib/hbmct-plugin.js';
export { hbmctPlugin as default } from './lib/hbmct-plugin.js';
