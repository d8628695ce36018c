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
