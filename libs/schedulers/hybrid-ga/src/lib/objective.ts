/** What the GA minimises: the makespan, or the mean task finish time (the DeepSched paper's average turnaround). */
export type Objective = 'makespan' | 'averageTurnaround';

/**
 * Lexicographic comparison of decoded schedules: the objective first, the other measure as the tie-break (two
 * schedules of equal makespan, the one whose tasks finish earlier on the whole leaves more room to improve).
 * As a decode's cutoff: stop once the schedule is known to be worse than this.
 */
export interface Score {
  primary: number;
  secondary: number;
}

/** Primary and secondary measures of a decode under the objective. */
export function scoreOf(objective: Objective, makespan: number, finishSum: number, into: Score): Score {
  if (objective === 'makespan') {
    into.primary = makespan;
    into.secondary = finishSum;
  } else {
    into.primary = finishSum;
    into.secondary = makespan;
  }
  return into;
}

/** True when (aPrimary, aSecondary) is strictly better (smaller) than (bPrimary, bSecondary). */
export function isBetter(aPrimary: number, aSecondary: number, bPrimary: number, bSecondary: number): boolean {
  return aPrimary < bPrimary || (aPrimary === bPrimary && aSecondary < bSecondary);
}

/**
 * What `finish + tail` is compared with under a makespan cutoff, in both decoders. The bound is computed apart
 * from the decode (other sums in another order): a margin far above rounding keeps it from ruling out a candidate
 * whose makespan only ties.
 */
export function boundCutOf(cutPrimary: number): number {
  return cutPrimary * (1 + TAIL_BOUND_MARGIN);
}

const TAIL_BOUND_MARGIN = 1e-9;
