import { emptySchedule, priorityOrder, upwardRanks, type Schedule, type SchedulingProblem } from '@hetsched/core';
import { scheduleGroup } from './bmct.js';
import { independentGroups } from './groups.js';

/**
 * HBMCT, the hybrid heuristic of Sakellariou & Zhao (IPDPS 2004, HCW workshop):
 *  1. upward ranks with mean execution and communication costs (HEFT's), tasks by decreasing rank, ties by input
 *     order (a ready list, so always a precedence order);
 *  2. the ranked list cut into groups of independent tasks: a task opens a new group when one of its predecessors
 *     is in the current group;
 *  3. group after group, the independent tasks scheduled by BMCT (see `scheduleGroup`): fastest processor first,
 *     then tasks moved off the processor finishing last while that lowers its finish time; a group's tasks start
 *     after everything earlier groups put on their processor (no insertion into idle gaps).
 *
 * O(n log n + E·m) for ranks, order, groups and start times, plus BMCT's balancing within each group (k tasks:
 * O(k·m·k) per move at worst).
 */
export function hbmct(problem: SchedulingProblem): Schedule {
  const order = priorityOrder(problem, upwardRanks(problem));
  const offsets = independentGroups(problem, order);
  const schedule = emptySchedule(problem.taskCount);
  const available = new Float64Array(problem.processorCount);
  for (let g = 0; g + 1 < offsets.length; g++) scheduleGroup(problem, order.subarray(offsets[g], offsets[g + 1]), available, schedule);
  return schedule;
}
