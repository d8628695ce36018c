import { makespanOf, scheduleByCompletionTime, type Schedule, type SchedulingProblem } from '@hetsched/core';

export interface DuplexOptions {
  /** Place tasks in the earliest idle gap long enough rather than after their processor's last task (the paper's). */
  insertion: boolean;
}

export interface DuplexResult {
  schedule: Schedule;
  /** The heuristic whose schedule was kept. */
  chosen: 'minmin' | 'maxmin';
  minminMakespan: number;
  maxminMakespan: number;
}

/**
 * Duplex (Braun et al., JPDC 61(6), 2001): run Min-min and Max-min on the problem and keep the better schedule,
 * the one of smaller makespan; on a tie, Min-min's. Both run over the ready set of the DAG as in the minmin and
 * maxmin plugins (scheduleByCompletionTime), with the same insertion setting.
 *
 * The cost of both: O(n·R + E·m) for R ready tasks on m processors.
 */
export function duplex(problem: SchedulingProblem, options: DuplexOptions = { insertion: false }): DuplexResult {
  const minmin = scheduleByCompletionTime(problem, 'min', options.insertion);
  const maxmin = scheduleByCompletionTime(problem, 'max', options.insertion);
  const minminMakespan = makespanOf(minmin);
  const maxminMakespan = makespanOf(maxmin);
  const keepMaxmin = maxminMakespan < minminMakespan;
  return { schedule: keepMaxmin ? maxmin : minmin, chosen: keepMaxmin ? 'maxmin' : 'minmin', minminMakespan, maxminMakespan };
}
