export { schedulePeft, type PeftOptions, type ProcessorChoice } from './lib/peft.js';
export { peftPlugin } from './lib/peft.js';
export { peftPlugin as default } from './lib/peft.js';
