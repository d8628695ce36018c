export { cpop, cpopPriorities, criticalPath, criticalPathProcessor } from './lib/cpop.js';
export { scheduleEarliestFinishPinned, UNPINNED } from './lib/pinned-list-scheduler.js';
export { cpopPlugin } from './lib/cpop-plugin.js';
export { cpopPlugin as default } from './lib/cpop-plugin.js';
