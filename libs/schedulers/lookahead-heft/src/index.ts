export { DEFAULT_LOOKAHEAD, lookaheadHeft, type LookaheadOptions } from './lib/lookahead-heft.js';
export { lookaheadHeftPlugin } from './lib/lookahead-heft-plugin.js';
export { lookaheadHeftPlugin as default } from './lib/lookahead-heft-plugin.js';
