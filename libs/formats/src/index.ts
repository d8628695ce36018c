export * from './lib/native-json.js';
export * from './lib/schemas.js';
export * from './lib/units.js';
export * from './lib/wfformat.js';
export * from './lib/dax.js';
export * from './lib/generator.js';
export { renderGanttSvg, type GanttInput, type GanttOptions } from './lib/gantt-svg.js';
