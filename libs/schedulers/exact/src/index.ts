export { solveExact, DEFAULT_TIME_LIMIT_MS, type ExactOptions, type ExactProgress, type ExactResult, type StopReason } from './lib/exact.js';
export { exactPlugin, exactOptionsSchema } from './lib/exact-plugin.js';
export { exactPlugin as default } from './lib/exact-plugin.js';
