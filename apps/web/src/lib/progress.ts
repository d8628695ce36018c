/**
 * Chart series from a run's progress events. The hybrid GA reports one event per generation (at most about ten a
 * second are stored) with `generation`, `bestFitness`, `meanFitness`, `improvementOverHeft` and `elapsedMs`
 * (libs/schedulers/hybrid-ga/src/lib/ga.ts); training runs report `phase: "epoch"` events with `epoch`,
 * `trainLoss` and `validationLoss`. Other names a scheduler might use (`bestMakespan`, `meanMakespan`,
 * `heftMakespan`, `elapsed` in seconds) are read too.
 */
export interface ConvergencePoint {
  generation: number;
  best: number;
  mean: number | null;
  /** HEFT's objective: heftMakespan, or best / (1 − improvementOverHeft). */
  heft: number | null;
  elapsedMs: number | null;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The point an event's data describes, or null for an event that is not a generation report. */
export function convergencePoint(data: Record<string, unknown> | null | undefined): ConvergencePoint | null {
  if (!data) return null;
  const generation = num(data['generation']);
  const best = num(data['bestMakespan']) ?? num(data['bestFitness']);
  if (generation === undefined || best === undefined) return null;
  const improvement = num(data['improvementOverHeft']);
  const heft = num(data['heftMakespan']) ?? num(data['heftFitness']) ?? (improvement !== undefined && improvement < 1 ? best / (1 - improvement) : undefined);
  const elapsedSeconds = num(data['elapsed']);
  return {
    generation,
    best,
    mean: num(data['meanMakespan']) ?? num(data['meanFitness']) ?? null,
    heft: heft ?? null,
    elapsedMs: num(data['elapsedMs']) ?? (elapsedSeconds !== undefined ? elapsedSeconds * 1000 : null),
  };
}

/** Columns for uPlot: x ascending, one array per series (null where a series has no value). */
export interface ConvergenceSeries {
  generation: number[];
  best: number[];
  mean: (number | null)[];
  heft: (number | null)[];
}

export const emptySeries = (): ConvergenceSeries => ({ generation: [], best: [], mean: [], heft: [] });

/**
 * The series of a run's points, in event order. Generations only grow within a run; a point whose generation is not
 * after the last one kept is dropped, so a chart fed the same events twice still has each generation once. One
 * pass, O(points): a live chart rebuilds it on every batch of events.
 */
export function buildSeries(points: Iterable<ConvergencePoint | null>): ConvergenceSeries {
  const series = emptySeries();
  let last = -Infinity;
  for (const point of points) {
    if (!point || point.generation <= last) continue;
    last = point.generation;
    series.generation.push(point.generation);
    series.best.push(point.best);
    series.mean.push(point.mean);
    series.heft.push(point.heft);
  }
  return series;
}

export interface EpochPoint {
  epoch: number;
  trainLoss: number | null;
  validationLoss: number | null;
}

/** A training run's epoch report, or null for any other event (batches, phases, status). */
export function epochPoint(data: Record<string, unknown> | null | undefined): EpochPoint | null {
  if (!data || data['phase'] !== 'epoch') return null;
  const epoch = num(data['epoch']);
  if (epoch === undefined) return null;
  return { epoch, trainLoss: num(data['trainLoss']) ?? null, validationLoss: num(data['validationLoss']) ?? null };
}
