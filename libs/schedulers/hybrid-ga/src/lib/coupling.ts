import { meanCommunicationTime, meanCosts, type SchedulingProblem } from '@hetsched/core';

/**
 * The coupling factor of Kang & Zhang (2012, §3.2, equation 4). The equation did not survive in our copy of the
 * paper; its text did: "if a task has more than one predecessor and the communication cost between the task and
 * its predecessors is relatively larger, we think that the tasks are coupled with each other strongly", with
 * prec(v_i) the immediate predecessors of v_i, NS_j the number of successors of a predecessor v_j and NP_i the
 * number of predecessors of v_i; and it is for one thing: "if two tasks with high coupling factor are scheduled
 * onto different processors, the communication cost is large and influence the quality of the solution".
 * Derived from that (README, "Coupling factor"):
 *
 *     κ(j, i) = c̄(j, i) / NS_j                                   coupling of edge j -> i
 *     CF(i)   = (1 / NP_i) · Σ_{j ∈ prec(i)} κ(j, i) / w̄_i       coupling factor of task i (0 for entry tasks)
 *
 * c̄ is HEFT's mean communication time of the edge (L̄ + data / B̄) and w̄_i the task's mean execution time.
 *  - c̄(j, i) / w̄_i: what separating i from j costs, in units of i's own work. A task that is cheap next to its
 *    inputs loses most by running away from them; for a chain link this is the local CCR.
 *  - / NS_j: a predecessor's processor can run only one successor right after it; its other NS_j − 1 successors
 *    either wait there or pay the transfer anyway, so an edge out of a wide fork couples less.
 *  - 1 / NP_i: the factor is the mean over the inputs, so that it measures how strongly the task is tied to its
 *    predecessors and not how many it has (a join of ten light edges is not "coupled" by ten times one).
 * The factor is dimensionless (scaling every cost and data volume together leaves it unchanged).
 */
export interface Coupling {
  /** CF(i) per task. */
  readonly factor: Float64Array;
  /** The predecessor j with the largest κ(j, i) (the first listed on ties), -1 for entry tasks. */
  readonly strongestPredecessor: Int32Array;
}

export function couplingFactors(problem: SchedulingProblem): Coupling {
  const { taskCount: n, predOffsets, predTasks, predData, succOffsets } = problem;
  const meanCost = meanCosts(problem);
  const factor = new Float64Array(n);
  const strongestPredecessor = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const from = predOffsets[i]!;
    const to = predOffsets[i + 1]!;
    if (from === to) continue;
    let sum = 0;
    let strongest = -1;
    for (let e = from; e < to; e++) {
      const j = predTasks[e]!;
      const siblings = succOffsets[j + 1]! - succOffsets[j]!;
      const kappa = meanCommunicationTime(problem, predData[e]!) / siblings;
      sum += kappa;
      if (kappa > strongest) {
        strongest = kappa;
        strongestPredecessor[i] = j;
      }
    }
    const mean = sum / (to - from);
    // A free task (w̄ = 0) gains everything by following its input and loses nothing: maximal coupling.
    factor[i] = meanCost[i]! > 0 ? mean / meanCost[i]! : mean > 0 ? Infinity : 0;
  }
  return { factor, strongestPredecessor };
}

/**
 * The probability that a coupling solution puts a task on its strongest predecessor's processor: CF / (1 + CF).
 * Even odds when the task's share of its inputs' transfers equals its own work; near 1 when communication
 * dominates ("the strongly coupled tasks are scheduled onto the same processor in a high probability", §3.3);
 * near 0 when it is negligible, where a random processor spreads the load instead.
 */
export function followProbability(factor: number): number {
  return factor === Infinity ? 1 : factor / (1 + factor);
}
