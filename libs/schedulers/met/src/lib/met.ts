import { PartialSchedule, type Schedule, type SchedulingProblem } from '@hetsched/core';

export interface MetOptions {
  /** Place a task in the earliest idle gap long enough rather than after its processor's last task (the paper's). */
  insertion: boolean;
}

/**
 * MET, Minimum Execution Time (Braun et al., JPDC 61(6), 2001), on a DAG: each task goes to the processor where it
 * runs fastest, whatever that processor's load.
 *  1. The processor of task t is the one of least cost[t][p], ties to the processor listed first; neither the
 *     processor's availability nor data transfers enter the choice (the paper's "regardless of availability").
 *  2. Tasks are then placed in the problem's topological order (Kahn's algorithm, the ready task listed first
 *     first), each at max(data arrival on its processor, the processor's availability): after its last task, as in
 *     the papers, or, with `insertion`, in its earliest idle gap long enough.
 *
 * O(n·m) for the choices plus O(E) for data arrival (and a gap search per task with insertion).
 */
export function met(problem: SchedulingProblem, options: MetOptions = { insertion: false }): Schedule {
  const { processorCount: m, cost, topologicalOrder } = problem;
  const partial = new PartialSchedule(problem, { insertion: options.insertion });
  for (let k = 0; k < topologicalOrder.length; k++) {
    const t = topologicalOrder[k]!;
    const row = t * m;
    let fastest = 0;
    for (let p = 1; p < m; p++) if (cost[row + p]! < cost[row + fastest]!) fastest = p;
    partial.place(t, fastest, partial.arrivalOn(t, fastest));
  }
  return partial.schedule;
}
