export {
  findHardInstance,
  acceptanceProbability,
  type HardInstance,
  type HardInstanceRequest,
  type HardInstanceStop,
  type SearchContext,
} from './lib/hard-instance.js';
export {
  resolveHardInstanceSettings,
  resolveHardInstanceOptions,
  type ResolvedHardInstanceOptions,
  HARD_INSTANCE_SETTINGS_SCHEMA,
  MAX_ITERATIONS,
  MAX_TASKS,
  MAX_PROCESSORS,
  MIN_TASKS,
  PISA_MAX_TEMPERATURE,
  PISA_MIN_TEMPERATURE,
  PISA_COOLING_RATE,
  PISA_ITERATIONS,
  type HardInstanceSettings,
} from './lib/settings.js';
export { randomInstance, instanceFromSpecs, toSpecs, VALUE_RANGE, INITIAL_SIZE, type Instance, type InstanceEdge } from './lib/instance.js';
export { perturb, applicableChanges, CHANGE_KINDS, STEP, type ChangeKind } from './lib/perturbations.js';
export { PairEvaluator, type PairOfSchedulers, type ScoredInstance } from './lib/evaluate.js';
