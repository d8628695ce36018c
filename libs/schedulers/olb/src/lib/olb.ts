import { PartialSchedule, type Schedule, type SchedulingProblem } from '@hetsched/core';

/**
 * OLB, Opportunistic Load Balancing (Braun et al., JPDC 61(6), 2001), on a DAG: each task goes to the processor
 * expected to be available first, regardless of its execution time there.
 *  1. Tasks are taken in the problem's topological order (Kahn's algorithm, the ready task listed first first):
 *     the papers take them "in arbitrary order"; on a DAG it must respect precedence.
 *  2. The processor is the one whose last task finishes first (0 when idle; the papers' machine availability
 *     time), ties to the processor listed first; neither the task's cost nor its data transfers enter the choice.
 *  3. The task starts at max(that availability, data arrival on the processor), after the processor's last task:
 *     no insertion, since availability is what OLB balances.
 *
 * O(n·m) for the choices plus O(E) for data arrival.
 */
export function olb(problem: SchedulingProblem): Schedule {
  const { processorCount: m, topologicalOrder } = problem;
  const partial = new PartialSchedule(problem, { insertion: false });
  for (let k = 0; k < topologicalOrder.length; k++) {
    const t = topologicalOrder[k]!;
    let first = 0;
    for (let p = 1; p < m; p++) if (partial.availableAt(p) < partial.availableAt(first)) first = p;
    partial.place(t, first, partial.arrivalOn(t, first));
  }
  return partial.schedule;
}
