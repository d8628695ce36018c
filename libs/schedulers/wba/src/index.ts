export { wba, wbaConstruction, WBA_DEFAULTS, type WbaConstruction, type WbaOptions } from './lib/wba.js';
export { wbaSearch } from './lib/wba-search.js';
export { wbaPlugin } from './lib/wba-plugin.js';
export { wbaPlugin as default } from './lib/wba-plugin.js';
