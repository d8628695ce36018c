import { scheduleEarliestFinish, type Schedule, type SchedulingProblem } from '@hetsched/core';

export interface MctOptions {
  /** Place a task in the earliest idle gap long enough rather than after its processor's last task (the paper's). */
  insertion: boolean;
}

/**
 * MCT, Minimum Completion Time (Braun et al., JPDC 61(6), 2001), on a DAG: each task in turn, in a fixed order,
 * goes to the processor where it completes first.
 *  1. The order is the problem's topological order (Kahn's algorithm, the ready task listed first first): the
 *     papers take tasks "in arbitrary order"; on a DAG it must respect precedence.
 *  2. The completion time on p is max(data arrival of the task on p, availability of p) + cost on p, data from a
 *     predecessor on another processor arriving its finish + latency + data / bandwidth later; p is available after
 *     its last task (the papers' machine availability time) or, with `insertion`, in its earliest idle gap long
 *     enough.
 *  3. Ties go to the processor listed first.
 * That is HEFT's processor selection (core's scheduleEarliestFinish) over the topological order instead of the
 * upward-rank list, with or without insertion.
 *
 * O(E·m) for data-arrival times plus one availability query per task and processor: O(n·m + E·m) without
 * insertion (with it each query is a gap search, as in HEFT's processor selection).
 */
export function mct(problem: SchedulingProblem, options: MctOptions = { insertion: false }): Schedule {
  return scheduleEarliestFinish(problem, problem.topologicalOrder, { insertion: options.insertion });
}
