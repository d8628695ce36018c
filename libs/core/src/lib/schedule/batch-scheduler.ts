import type { SchedulingProblem } from '../problem/scheduling-problem.js';
import { ReadyCompletionTimes } from './ready-completion-times.js';
import type { Schedule } from './schedule.js';

/** Min-min takes the ready task of smallest earliest completion time, Max-min the one of largest. */
export type CompletionTimeRule = 'min' | 'max';

/**
 * The loop of Min-min and Max-min (Braun et al., JPDC 61(6), 2001) over the ready set of a DAG: while tasks remain, take the
 * earliest completion time of every ready task over the processors, pick the task whose earliest completion time
 * is the smallest (`'min'`) or the largest (`'max'`), ties to the task listed first, and place it on the
 * processor giving that time (ties to the processor listed first). Tasks turn ready as their last predecessor is
 * placed and compete from the next pick on.
 *
 * O(R) per pick to find the task and refresh the column of its processor (R ready tasks), O(m) per row whose best
 * processor that was, O(E·m) for data-arrival times: O(n·R·k + E·m) in all, k >= 1 a small factor for rescanned
 * rows (against O(n·R·m) for recomputing every completion time at every pick).
 */
export function scheduleByCompletionTime(problem: SchedulingProblem, rule: CompletionTimeRule, insertion: boolean): Schedule {
  const ready = new ReadyCompletionTimes(problem, insertion);
  const largest = rule === 'max';
  while (ready.size > 0) {
    let chosen = ready.taskAt(0);
    let chosenFinish = ready.bestFinishAt(0);
    for (let i = 1; i < ready.size; i++) {
      const t = ready.taskAt(i);
      const finish = ready.bestFinishAt(i);
      const better = largest ? finish > chosenFinish : finish < chosenFinish;
      if (better || (finish === chosenFinish && t < chosen)) {
        chosen = t;
        chosenFinish = finish;
      }
    }
    ready.place(chosen, ready.bestProcessor(chosen));
  }
  return ready.schedule;
}
