import { jsonPath, type OptionsSchema, type ResolvedOptions, type ValidationIssue } from '@hetsched/core';
import type { GeneratedSpread } from './examples.js';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from './types.js';

/**
 * The parameters of a training run (the training capability's `parametersSchema`), with a bound on every number: a
 * training run executes inside a shared worker process, so a request must not be able to ask for hours of work or
 * gigabytes of examples. Hosts resolve them with core's resolveTrainingParameters (schema, then checkParameters).
 */
export const TRAINING_BOUNDS = {
  count: { min: 2, max: 2_000 },
  listLength: { min: 1, max: 16 },
  taskCount: { min: 2, max: 500 },
  ccr: { min: 0, max: 100 },
  heterogeneity: { min: 0, max: 1.99 },
  processorCount: { min: 2, max: 32 },
  /** count × the largest task count: the HEFT labels and features of the whole set stay in a few hundred MB. */
  totalTasks: { max: 200_000 },
  epochs: { min: 1, max: 200 },
  batchSize: { min: 1, max: 256 },
  learningRate: { min: 1e-6, max: 0.1 },
  patience: { min: 1, max: 50 },
  seed: { min: 0, max: 2 ** 31 - 1 },
  validationFraction: { min: 0.05, max: 0.5 },
  nameLength: { max: 100 },
  /** Widths of the network (GRU units, representations, fusion): up to 4× the default of 32. */
  width: { min: 1, max: 128 },
  /** Version ids of stored models are short ("ds-YYYYMMDD-xxxxxxxx"). */
  fromLength: { max: 100 },
} as const;

/** The generated examples a training run learns from, by default. */
export interface TrainingDataset extends GeneratedSpread {
  seed: number;
}

export const DEFAULT_TRAINING_DATASET: TrainingDataset = {
  seed: 1,
  count: 200,
  taskCounts: [20, 50, 100],
  ccrs: [0.1, 1, 5],
  heterogeneities: [0.25, 0.5, 1],
  processorCounts: [2, 4, 8],
};

/** The resolved parameters of a training run, typed. */
export interface DeepSchedTrainingParameters {
  dataset: TrainingDataset;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Epochs without validation-loss improvement before stopping early (the best weights are kept). */
  patience: number;
  seed: number;
  validationFraction: number;
  /** A name for the model (its id is the version the trainer gives it). */
  name: string | null;
  /** The network's shape for fresh weights: DEFAULT_MODEL_CONFIG where a field is not given. */
  network: Partial<Pick<ModelConfig, 'gruUnits' | 'hidden' | 'fusion' | 'autoregressive'>>;
  /** Continue training this stored model ("builtin" or a version id) instead of fresh weights. */
  from: string | null;
}

export const DEFAULT_TRAINING_PARAMETERS: Omit<DeepSchedTrainingParameters, 'dataset'> = {
  epochs: 20,
  batchSize: 16,
  learningRate: 0.002,
  patience: 5,
  seed: 1,
  validationFraction: 0.2,
  name: null,
  network: {},
  from: null,
};

const B = TRAINING_BOUNDS;
const D = DEFAULT_TRAINING_DATASET;
const P = DEFAULT_TRAINING_PARAMETERS;

const integer = (description: string, range: { min: number; max: number }, fallback?: number) =>
  ({ type: 'integer', description, minimum: range.min, maximum: range.max, ...(fallback !== undefined ? { default: fallback } : {}) }) as const;
const number = (description: string, range: { min: number; max: number }, fallback: number) =>
  ({ type: 'number', description, minimum: range.min, maximum: range.max, default: fallback }) as const;
const list = (description: string, items: { type: 'integer' | 'number'; min: number; max: number }, fallback: number[]) =>
  ({
    type: 'array',
    description,
    items: { type: items.type, minimum: items.min, maximum: items.max },
    minItems: B.listLength.min,
    maxItems: B.listLength.max,
    default: fallback,
  }) as const;

const DATASET_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  description: `The generated workflows trained on, each labelled with HEFT's schedule; count × the largest task count at most ${B.totalTasks.max}.`,
  properties: {
    seed: integer('Seed of the generated workflows and clusters.', B.seed, D.seed),
    count: integer('How many workflows to generate.', B.count, D.count),
    taskCounts: list('Task counts each workflow draws one of.', { type: 'integer', ...B.taskCount }, D.taskCounts),
    ccrs: list('Communication to computation ratios each workflow draws one of.', { type: 'number', ...B.ccr }, D.ccrs),
    heterogeneities: list('Heterogeneities (β: the spread of a task\'s costs over processors) each workflow draws one of.', { type: 'number', ...B.heterogeneity }, D.heterogeneities),
    processorCounts: list('Cluster sizes each workflow draws one of.', { type: 'integer', ...B.processorCount }, D.processorCounts),
  },
} as const;

const NETWORK_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  description: 'The network\'s shape for fresh weights (not with from: a continued model keeps its own).',
  properties: {
    gruUnits: integer(`GRU units per direction of the task encoder (default ${DEFAULT_MODEL_CONFIG.gruUnits}).`, B.width),
    hidden: integer(`Width of the task and machine representations (default ${DEFAULT_MODEL_CONFIG.hidden}).`, B.width),
    fusion: integer(`Width of the fused (task, processor) representation (default ${DEFAULT_MODEL_CONFIG.fusion}).`, B.width),
    autoregressive: {
      type: 'boolean',
      description: 'Heads that also see the partial schedule (an extension beyond the paper; the shipped model has it). Default false: the paper\'s one-shot network.',
    },
  },
} as const;

/** The training capability's parameters: defaults and bounds as TRAINING_BOUNDS and the defaults above say. */
export const TRAINING_PARAMETERS_SCHEMA: OptionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dataset: DATASET_SCHEMA,
    epochs: integer('Most epochs.', B.epochs, P.epochs),
    batchSize: integer('Examples per batch.', B.batchSize, P.batchSize),
    learningRate: number('Adam learning rate.', B.learningRate, P.learningRate),
    patience: integer('Epochs without validation-loss improvement before stopping early (the best weights are kept).', B.patience, P.patience),
    seed: integer('Seed of the weights, the shuffles and the train/validation split.', B.seed, P.seed),
    validationFraction: number('Share of the examples held out for validation (early stopping, the kept model\'s metrics).', B.validationFraction, P.validationFraction),
    name: { type: 'string', maxLength: B.nameLength.max, description: 'A name for the trained model.' },
    network: NETWORK_SCHEMA,
    from: { type: 'string', maxLength: B.fromLength.max, description: 'Continue training this model: "builtin" (the shipped one) or the version id of a stored model.' },
  },
};

/**
 * The limits across parameters that the schema cannot say, as issues with paths from `$` (the parameters):
 * count × the largest task count within TRAINING_BOUNDS.totalTasks (reported on dataset.count), and no network
 * shape together with `from` (a continued model keeps its own shape).
 */
export function checkTrainingParameters(parameters: ResolvedOptions): ValidationIssue[] {
  const p = typedTrainingParameters(parameters);
  const issues: ValidationIssue[] = [];
  const largest = Math.max(...p.dataset.taskCounts);
  const totalTasks = p.dataset.count * largest;
  if (totalTasks > B.totalTasks.max) {
    issues.push({
      severity: 'error',
      path: jsonPath(jsonPath('$', 'dataset'), 'count'),
      message: `count × the largest task count (dataset.taskCounts) must be at most ${B.totalTasks.max}, got ${p.dataset.count} × ${largest} = ${totalTasks}`,
    });
  }
  const shape = Object.keys(p.network);
  if (p.from !== null && shape.length > 0) {
    issues.push({
      severity: 'error',
      path: jsonPath(jsonPath('$', 'network'), shape[0]!),
      message: `a continued model (from "${p.from}") keeps its own network shape; leave network out`,
    });
  }
  return issues;
}

/**
 * The typed view of parameters resolved against TRAINING_PARAMETERS_SCHEMA: a blank name or `from` reads as none,
 * network fields left out stay out (DEFAULT_MODEL_CONFIG fills them when the network is made).
 */
export function typedTrainingParameters(parameters: ResolvedOptions): DeepSchedTrainingParameters {
  const dataset = parameters['dataset'] as unknown as TrainingDataset;
  const given = (parameters['network'] ?? {}) as Record<string, unknown>;
  const network: DeepSchedTrainingParameters['network'] = {};
  for (const key of ['gruUnits', 'hidden', 'fusion'] as const) if (typeof given[key] === 'number') network[key] = given[key];
  if (typeof given['autoregressive'] === 'boolean') network.autoregressive = given['autoregressive'];
  return {
    dataset,
    epochs: parameters['epochs'] as number,
    batchSize: parameters['batchSize'] as number,
    learningRate: parameters['learningRate'] as number,
    patience: parameters['patience'] as number,
    seed: parameters['seed'] as number,
    validationFraction: parameters['validationFraction'] as number,
    name: textOrNull(parameters['name']),
    network,
    from: textOrNull(parameters['from']),
  };
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
