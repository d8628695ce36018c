export { octRanks, optimisticCostTable, peft, type OctCommunication, type PeftOptions } from './lib/peft.js';
export { peftPlugin } from './lib/peft-plugin.js';
export { peftPlugin as default } from './lib/peft-plugin.js';
