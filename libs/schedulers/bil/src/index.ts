export { bil } from './lib/bil.js';
export { bestImaginaryLevels } from './lib/best-imaginary-levels.js';
export { bilPlugin } from './lib/bil-plugin.js';
export { bilPlugin as default } from './lib/bil-plugin.js';
