import { checkGeneratedSpread, checkList, type GeneratedSpread } from '@hetsched/scheduler-deepsched';

/**
 * What a DeepSched dataset holds: generated workflows spanning sizes, CCR, heterogeneity and processor counts,
 * and optionally the real traces of a folder, each on a few clusters. The spec plus its seed determine every
 * example, so a dataset is reproducible and any one example can be regenerated alone.
 */
export interface DatasetSpec {
  seed: number;
  /** Generated workflows: how many, and the values they are drawn from (each example draws one of each list). */
  generated: GeneratedSpread;
  /** Include the real traces of this folder (WfCommons JSON and Pegasus DAX), each on a few clusters. Optional. */
  tracesDir?: string;
  /**
   * Processor counts of the generated clusters each trace is put on (besides the machines a WfFormat trace
   * records, when it records two or more). Default: the smallest, a middle and the largest of
   * `generated.processorCounts`.
   */
  traceProcessorCounts?: number[];
}

/** The spread the shipped model is trained on (issue #6: ~20-300 tasks, CCR 0.1-10, β 0.1-1, 2-16 processors). */
export const DEFAULT_GENERATED: DatasetSpec['generated'] = {
  count: 1000,
  taskCounts: [20, 30, 50, 75, 100, 150, 200, 300],
  ccrs: [0.1, 0.25, 0.5, 1, 2, 5, 10],
  heterogeneities: [0.1, 0.25, 0.5, 0.75, 1],
  processorCounts: [2, 3, 4, 6, 8, 12, 16],
};

/** Messages about a spec start with this. */
const PREFIX = 'dataset spec: ';

/** Throws a RangeError naming the field of the first fault; returns the spec with its defaults filled in. */
export function resolveDatasetSpec(spec: DatasetSpec): Required<Omit<DatasetSpec, 'tracesDir'>> & Pick<DatasetSpec, 'tracesDir'> {
  if (!Number.isInteger(spec.seed) || spec.seed < 0) throw new RangeError(`${PREFIX}seed must be a non-negative integer, got ${String(spec.seed)}`);
  const g = spec.generated;
  checkGeneratedSpread(g, `${PREFIX}generated.`);
  const traceProcessorCounts = spec.traceProcessorCounts ?? spreadOf(g.processorCounts);
  checkList(`${PREFIX}traceProcessorCounts`, traceProcessorCounts, (x) => Number.isInteger(x) && x >= 1, 'positive integers');
  if (spec.tracesDir !== undefined && (typeof spec.tracesDir !== 'string' || spec.tracesDir === '')) {
    throw new RangeError(`${PREFIX}tracesDir must be a folder path`);
  }
  return { seed: spec.seed, generated: g, traceProcessorCounts, ...(spec.tracesDir !== undefined ? { tracesDir: spec.tracesDir } : {}) };
}

/** Smallest, middle and largest distinct values. */
function spreadOf(values: readonly number[]): number[] {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  return [...new Set([sorted[0]!, sorted[Math.floor(sorted.length / 2)]!, sorted[sorted.length - 1]!])];
}
