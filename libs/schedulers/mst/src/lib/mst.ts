import { DataArrival, emptySchedule, type Schedule, type SchedulingProblem } from '@hetsched/core';

/**
 * MST, Minimum Start Time, as the SAGA library defines it (ANRGUSC/saga, schedulers/mst.py, whose docstring names no
 * paper):
 *  1. the tasks in a topological order (here core's: Kahn's algorithm, the lowest task index first among the ready);
 *  2. each task to the processor on which it can start first, max(data-ready(t, p), free(p)), free(p) being the end of
 *     the last task on p (no insertion); ties to the processor listed first. It runs there for its cost on p.
 *
 * The start time alone decides, so a task may go to a slow processor that is free now rather than wait for a fast
 * one. O(E·m) for the data-ready times plus O(n·m) for the choices.
 */
export function mst(problem: SchedulingProblem): Schedule {
  const { taskCount: n, processorCount: m, cost, topologicalOrder } = problem;
  const schedule = emptySchedule(n);
  const { processorOf, start, finish } = schedule;
  const free = new Float64Array(m);
  const arrivals = new DataArrival(problem, schedule);
  const ready = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    const t = topologicalOrder[k]!;
    // In topological order every predecessor is placed: the row is complete.
    arrivals.fill(t, ready);
    let best = 0;
    let bestStart = Infinity;
    for (let p = 0; p < m; p++) {
      const begin = ready[p]! > free[p]! ? ready[p]! : free[p]!;
      if (begin < bestStart) {
        bestStart = begin;
        best = p;
      }
    }
    processorOf[t] = best;
    start[t] = bestStart;
    finish[t] = bestStart + cost[t * m + best]!;
    free[best] = finish[t]!;
  }
  return schedule;
}
