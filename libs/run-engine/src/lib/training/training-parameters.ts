/**
 * The parameters of a training run, with a bound on every number: a training run executes inside a shared worker
 * process, so a request must not be able to ask for hours of work or gigabytes of examples (docs/runs.md#training-runs).
 * The API resolves them at submit time (a clear BAD_USER_INPUT naming the field); the worker resolves them again.
 */
export interface TrainingDataset {
  seed: number;
  /** How many generated workflows (each labelled with HEFT's schedule). */
  count: number;
  taskCounts: number[];
  ccrs: number[];
  heterogeneities: number[];
  processorCounts: number[];
}

export interface TrainingParameters {
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
}

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
} as const;

export const DEFAULT_TRAINING_DATASET: TrainingDataset = {
  seed: 1,
  count: 200,
  taskCounts: [20, 50, 100],
  ccrs: [0.1, 1, 5],
  heterogeneities: [0.25, 0.5, 1],
  processorCounts: [2, 4, 8],
};

export const DEFAULT_TRAINING_PARAMETERS: Omit<TrainingParameters, 'dataset'> = {
  epochs: 20,
  batchSize: 16,
  learningRate: 0.002,
  patience: 5,
  seed: 1,
  validationFraction: 0.2,
  name: null,
};

/** A training parameter out of its bounds; `field` is its path, e.g. "dataset.count". */
export class TrainingParameterError extends RangeError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'TrainingParameterError';
  }
}

type Range = { min: number; max: number };

function integer(field: string, value: unknown, fallback: number, range: Range): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TrainingParameterError(field, `must be an integer, got ${JSON.stringify(value)}`);
  if (value < range.min || value > range.max) throw new TrainingParameterError(field, `must be between ${range.min} and ${range.max}, got ${value}`);
  return value;
}

function number(field: string, value: unknown, fallback: number, range: Range): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TrainingParameterError(field, `must be a finite number, got ${JSON.stringify(value)}`);
  if (value < range.min || value > range.max) throw new TrainingParameterError(field, `must be between ${range.min} and ${range.max}, got ${value}`);
  return value;
}

function list(field: string, value: unknown, fallback: number[], item: (field: string, value: unknown) => number): number[] {
  if (value === undefined || value === null) return [...fallback];
  if (!Array.isArray(value)) throw new TrainingParameterError(field, 'must be a list of numbers');
  const { min, max } = TRAINING_BOUNDS.listLength;
  if (value.length < min || value.length > max) throw new TrainingParameterError(field, `must hold ${min} to ${max} values, got ${value.length}`);
  return value.map((v, i) => item(`${field}[${i}]`, v));
}

function object(field: string, value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new TrainingParameterError(field, 'must be an object');
  return value as Record<string, unknown>;
}

const DATASET_KEYS = new Set(['seed', 'count', 'taskCounts', 'ccrs', 'heterogeneities', 'processorCounts']);
const KEYS = new Set(['dataset', 'epochs', 'batchSize', 'learningRate', 'patience', 'seed', 'validationFraction', 'name']);

function unknownKeys(field: string, value: Record<string, unknown>, known: Set<string>): void {
  const extra = Object.keys(value).find((key) => !known.has(key));
  if (extra !== undefined) throw new TrainingParameterError(field ? `${field}.${extra}` : extra, `unknown parameter (known: ${[...known].join(', ')})`);
}

/** Defaults filled in, every value checked; TrainingParameterError names the first field out of bounds. */
export function resolveTrainingParameters(raw: unknown): TrainingParameters {
  const input = object('parameters', raw);
  unknownKeys('', input, KEYS);
  const d = object('dataset', input['dataset']);
  unknownKeys('dataset', d, DATASET_KEYS);
  const B = TRAINING_BOUNDS;
  const D = DEFAULT_TRAINING_DATASET;
  const dataset: TrainingDataset = {
    seed: integer('dataset.seed', d['seed'], D.seed, B.seed),
    count: integer('dataset.count', d['count'], D.count, B.count),
    taskCounts: list('dataset.taskCounts', d['taskCounts'], D.taskCounts, (f, v) => integer(f, v, 0, B.taskCount)),
    ccrs: list('dataset.ccrs', d['ccrs'], D.ccrs, (f, v) => number(f, v, 0, B.ccr)),
    heterogeneities: list('dataset.heterogeneities', d['heterogeneities'], D.heterogeneities, (f, v) => number(f, v, 0, B.heterogeneity)),
    processorCounts: list('dataset.processorCounts', d['processorCounts'], D.processorCounts, (f, v) => integer(f, v, 0, B.processorCount)),
  };
  const totalTasks = dataset.count * Math.max(...dataset.taskCounts);
  if (totalTasks > B.totalTasks.max) {
    throw new TrainingParameterError('dataset', `count × the largest task count must be at most ${B.totalTasks.max}, got ${dataset.count} × ${Math.max(...dataset.taskCounts)} = ${totalTasks}`);
  }
  const P = DEFAULT_TRAINING_PARAMETERS;
  const name = input['name'];
  if (name !== undefined && name !== null && (typeof name !== 'string' || name.length > B.nameLength.max)) {
    throw new TrainingParameterError('name', `must be text of at most ${B.nameLength.max} characters`);
  }
  return {
    dataset,
    epochs: integer('epochs', input['epochs'], P.epochs, B.epochs),
    batchSize: integer('batchSize', input['batchSize'], P.batchSize, B.batchSize),
    learningRate: number('learningRate', input['learningRate'], P.learningRate, B.learningRate),
    patience: integer('patience', input['patience'], P.patience, B.patience),
    seed: integer('seed', input['seed'], P.seed, B.seed),
    validationFraction: number('validationFraction', input['validationFraction'], P.validationFraction, B.validationFraction),
    name: typeof name === 'string' && name.trim() !== '' ? name.trim() : null,
  };
}
