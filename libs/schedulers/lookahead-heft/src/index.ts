export { scheduleLookaheadHeft, type LookaheadHeftOptions, type ProcessorChoice } from './lib/lookahead-heft.js';
export { lookaheadHeftPlugin } from './lib/lookahead-heft.js';
export { lookaheadHeftPlugin as default } from './lib/lookahead-heft.js';
