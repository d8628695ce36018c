import {
  downwardRanks,
  emptySchedule,
  makespanOf,
  priorityOrder,
  ProcessorTimelines,
  scheduleEarliestFinish,
  scheduleWithAssignment,
  upwardRanks,
  type Schedule,
  type SchedulingProblem,
} from '@hetsched/core';
import { minimumCosts } from './bounds.js';
import type { PartialSchedule } from './partial-schedule.js';
import type { SearchBudget } from './search-budget.js';

/** The best schedule found so far (a copy: the search's own arrays change as it goes). */
export class Incumbent {
  readonly schedule: Schedule;
  makespan = Infinity;
  /** Where the current best came from: a heuristic's name, 'local search' or 'branch and bound'. */
  source = 'none';

  constructor(taskCount: number) {
    this.schedule = emptySchedule(taskCount);
  }

  /** Keeps `schedule` when it is strictly shorter; says whether it did. */
  offer(schedule: Schedule, source: string, makespan = makespanOf(schedule)): boolean {
    if (!(makespan < this.makespan)) return false;
    this.schedule.processorOf.set(schedule.processorOf);
    this.schedule.start.set(schedule.start);
    this.schedule.finish.set(schedule.finish);
    this.makespan = makespan;
    this.source = source;
    return true;
  }

  /** Keeps a complete schedule of the search when it is strictly shorter. */
  offerComplete(state: PartialSchedule): boolean {
    return this.offer(state, 'branch and bound', state.makespan);
  }
}

/**
 * Quick schedules to start from, each insertion-based earliest-finish list scheduling (HEFT's processor choice)
 * over a different priority list: HEFT's upward rank; upward rank on least costs; upward plus downward rank
 * (CPOP's priority); upward rank without communication. O(n log n + E·m) each.
 */
export function heuristicSchedules(problem: SchedulingProblem): { name: string; schedule: Schedule }[] {
  const upward = upwardRanks(problem);
  const downward = downwardRanks(problem);
  const both = upward.map((rank, t) => rank + downward[t]!);
  const priorities: [string, Float64Array][] = [
    ['heft', upward],
    ['least-cost upward rank', upwardRanks(problem, minimumCosts(problem))],
    ['upward + downward rank', both],
    ['upward rank without communication', upwardRanks(problem, undefined, false)],
  ];
  return priorities.map(([name, priority]) => ({ name, schedule: scheduleEarliestFinish(problem, priorityOrder(problem, priority)) }));
}

/** Task placements (one per task per decode) a local search may spend: keeps it deterministic and short. */
const LOCAL_SEARCH_PLACEMENTS = 4_000_000;

/**
 * First-improvement descent from the incumbent: move one task to another processor, keeping the order of the
 * tasks (by start time), and decode insertion-based (`scheduleWithAssignment`); keep any move that shortens
 * the makespan; repeat passes over all tasks and processors until a pass improves nothing, the placement budget
 * is spent or the search budget runs out. O(n·m) decodes of O(n log n + E) per pass.
 */
export async function improveByLocalSearch(problem: SchedulingProblem, incumbent: Incumbent, budget: SearchBudget): Promise<void> {
  const { taskCount: n, processorCount: m } = problem;
  if (n === 0 || m < 2) return;
  const processorOf = Int32Array.from(incumbent.schedule.processorOf);
  const timelines = new ProcessorTimelines(m);
  const trial = emptySchedule(n);
  let placements = 0;
  let improved = true;
  while (improved) {
    improved = false;
    const order = startOrder(problem, incumbent.schedule);
    for (let k = 0; k < n; k++) {
      const t = order[k]!;
      const home = processorOf[t]!;
      for (let p = 0; p < m; p++) {
        if (p === home) continue;
        if ((placements += n) > LOCAL_SEARCH_PLACEMENTS || budget.exceeded() !== null) return;
        processorOf[t] = p;
        scheduleWithAssignment(problem, order, processorOf, timelines, trial);
        if (incumbent.offer(trial, 'local search')) {
          improved = true;
          break;
        }
        processorOf[t] = home;
      }
      await budget.breathe();
    }
  }
}

/** Tasks by start time, ties by topological position: a precedence order even with zero-length tasks. */
function startOrder(problem: SchedulingProblem, schedule: Schedule): Int32Array {
  const n = problem.taskCount;
  const position = new Int32Array(n);
  problem.topologicalOrder.forEach((t, k) => (position[t] = k));
  const order = Int32Array.from(problem.topologicalOrder);
  order.sort((a, b) => schedule.start[a]! - schedule.start[b]! || position[a]! - position[b]!);
  return order;
}
