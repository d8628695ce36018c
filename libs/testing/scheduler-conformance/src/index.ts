export { describeSchedulerConformance } from './lib/describe-conformance.js';
export {
  ConformanceError,
  resolveConformanceOptions,
  badOptionCases,
  checkMetadata,
  checkValidSchedules,
  checkEdgeCases,
  checkProblemUntouched,
  checkUnknownOptionRefused,
  checkBadOptionRefused,
  checkDefaults,
  checkAbortBeforeStart,
  checkAbortDuringRun,
  checkProgress,
  checkDeterminism,
  type ConformanceOptions,
  type ResolvedConformanceOptions,
  type BadOptionCase,
  type AbortOutcome,
} from './lib/checks.js';
export { buildRandomProblem, randomProblemParams, cornerProblemParams, edgeCaseProblems, CCR_VALUES, type RandomProblemParams, type EdgeCaseProblem } from './lib/problems.js';
// Test support for the scheduler libs' own specs: exact rationals, random documents, the document model, shared
// naive references and the SAGA cross-check helpers.
export { Q, fragileComparison, hasNearTie, indexOfLeast } from './lib/support/exact.js';
export { documentProblems, type DocumentProblem, type DocumentProblemShape } from './lib/support/document-problems.js';
export { DocumentModel, placementRows, scheduleRows, makespanOfPlacements, type Placement, type Placements, type Edge } from './lib/support/document-model.js';
export { referenceMinMaxMin, outranks, delayedStarts, type BatchRule, type DelayedStart } from './lib/support/references.js';
export { sagaFixtures, sameFigure, sagaBatchMinMaxMin, type SagaFixture } from './lib/support/saga.js';
