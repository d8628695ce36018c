export * from './lib/native-json.js';
export * from './lib/schemas.js';
export * from './lib/units.js';
export * from './lib/wfformat.js';
export * from './lib/dax.js';
// The random generator lives in core (schedulers' training and hard-instance searches use it); formats re-exports it.
export { generateWorkflow, generateCluster, type WorkflowGeneratorParams, type ClusterGeneratorParams } from '@hetsched/core';
export { renderGanttSvg, type GanttInput, type GanttOptions } from './lib/gantt-svg.js';
