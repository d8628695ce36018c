export { octRanks, optimisticCostTable, peft, type OctCommunication, type PeftOptions } from './lib/peft.js';
export { scheduleEarliestFinishPlus } from './lib/optimistic-list-scheduler.js';
export { peftPlugin } from './lib/peft-plugin.js';
export { peftPlugin as default } from './lib/peft-plugin.js';
