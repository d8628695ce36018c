import { scheduleByCompletionTime, type Schedule, type SchedulingProblem } from '@hetsched/core';

/**
 * Min-min (Braun et al., JPDC 61(6), 2001) on a DAG, over the ready set:
 *  1. the ready tasks are those not placed whose predecessors all are;
 *  2. the completion time of ready task t on processor p is max(data arrival of t on p, availability of p) + cost,
 *     the data of a predecessor on another processor arriving its finish + latency + data / bandwidth later, and p
 *     being available after its last task (the papers' machine availability time; no insertion);
 *  3. take each ready task's minimum completion time over the processors (ties to the processor listed first),
 *     place the task whose minimum is the smallest (ties to the task listed first) there, and repeat until all are
 *     placed; a task turns ready as its last predecessor is placed and competes from the next pick on.
 *
 * O(n·R + E·m) for R ready tasks on m processors (see scheduleByCompletionTime): scanning the ready set at every
 * pick is inherent in the algorithm. No insertion option: the completion times Min-min picks never decrease, so
 * with positive costs no later task fits into an idle gap and insertion would give the same schedule (README).
 */
export function minmin(problem: SchedulingProblem): Schedule {
  return scheduleByCompletionTime(problem, 'min', false);
}
