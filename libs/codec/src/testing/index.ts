export { largeWorkflow, clusterOf, seededRandom, type LargeWorkflowOptions } from './fixtures.js';
export { exactDifference } from './exact-equal.js';
