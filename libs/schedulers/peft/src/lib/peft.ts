import { meanCommunicationTime, priorityOrder, scheduleEarliestFinish, type Schedule, type SchedulingProblem } from '@hetsched/core';

/**
 * The communication term of the OCT: the paper's mean cost c̄ = L̄ + data / B̄ of an edge (`mean`), or the actual
 * transfer time between the two processors (`link`, as SAGA computes it; the same on a uniform network).
 */
export type OctCommunication = 'mean' | 'link';

export interface PeftOptions {
  communication: OctCommunication;
}

/**
 * PEFT, Predict Earliest Finish Time (Arabnejad & Barbosa, IEEE TPDS 25(3), 2014):
 *  1. the optimistic cost table, from the exit tasks up:
 *       OCT(t, p) = max over successors s of [ min over processors w of OCT(s, w) + w(s, w) + c̄(t, s)·[w ≠ p] ],
 *     0 for an exit task: the shortest remaining path from t if t ran on p, each later task on its best processor;
 *  2. rank_oct(t) = the mean of OCT(t, ·) over the processors;
 *  3. a ready list by decreasing rank_oct (ties by input order); each task goes to the processor minimising the
 *     optimistic EFT, O_EFT(t, p) = EFT(t, p) + OCT(t, p), with insertion into idle gaps, ties to the processor
 *     listed first.
 *
 * O(E·m) for the table with the paper's mean communication (one minimum over w serves every p), O(E·m²) with
 * per-link communication; then O(n log n + E·m) plus the gap
 * searches for the list scheduling, as HEFT.
 */
export function peft(problem: SchedulingProblem, options: PeftOptions = { communication: 'mean' }): Schedule {
  const oct = optimisticCostTable(problem, options.communication);
  return scheduleEarliestFinish(problem, priorityOrder(problem, octRanks(problem, oct)), { lookahead: oct });
}

/** OCT(t, p) at `oct[t * m + p]`. */
export function optimisticCostTable(problem: SchedulingProblem, communication: OctCommunication = 'mean'): Float64Array {
  const { taskCount: n, processorCount: m, topologicalOrder, succOffsets } = problem;
  const oct = new Float64Array(n * m);
  const via = new Float64Array(m);
  for (let k = n - 1; k >= 0; k--) {
    const t = topologicalOrder[k]!;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      if (communication === 'mean') cheapestContinuationMean(problem, oct, i, via);
      else cheapestContinuationLink(problem, oct, i, via);
      for (let p = 0; p < m; p++) if (via[p]! > oct[t * m + p]!) oct[t * m + p] = via[p]!;
    }
  }
  return oct;
}

/** rank_oct(t): the mean of t's row of the table. */
export function octRanks(problem: SchedulingProblem, oct: Float64Array): Float64Array {
  const { taskCount: n, processorCount: m } = problem;
  const rank = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let sum = 0;
    for (let p = 0; p < m; p++) sum += oct[t * m + p]!;
    rank[t] = sum / m;
  }
  return rank;
}

/**
 * For the edge at CSR position `edge` (t -> s) and each processor p of t: min over w of OCT(s, w) + w(s, w), plus
 * c̄ when w ≠ p. With A_w = OCT(s, w) + w(s, w) that is min(A_p, min over all w of A_w + c̄): the minimum over
 * w ≠ p may include p itself, since A_p <= A_p + c̄ (c̄ >= 0). O(m).
 */
function cheapestContinuationMean(problem: SchedulingProblem, oct: Float64Array, edge: number, into: Float64Array): void {
  const { processorCount: m, cost, succTasks, succData } = problem;
  const s = succTasks[edge]!;
  let smallest = Infinity;
  for (let w = 0; w < m; w++) smallest = Math.min(smallest, oct[s * m + w]! + cost[s * m + w]!);
  const elsewhere = smallest + meanCommunicationTime(problem, succData[edge]!);
  for (let p = 0; p < m; p++) {
    const here = oct[s * m + p]! + cost[s * m + p]!;
    into[p] = here < elsewhere ? here : elsewhere;
  }
}

/** As above with the actual transfer time from p to w (latency + data / bandwidth of that link). O(m²). */
function cheapestContinuationLink(problem: SchedulingProblem, oct: Float64Array, edge: number, into: Float64Array): void {
  const { processorCount: m, cost, succTasks, succData, latency, inverseBandwidth } = problem;
  const s = succTasks[edge]!;
  const data = succData[edge]!;
  for (let p = 0; p < m; p++) {
    let best = Infinity;
    for (let w = 0; w < m; w++) {
      const transfer = w === p ? 0 : latency[p * m + w]! + data * inverseBandwidth[p * m + w]!;
      const value = oct[s * m + w]! + cost[s * m + w]! + transfer;
      if (value < best) best = value;
    }
    into[p] = best;
  }
}
