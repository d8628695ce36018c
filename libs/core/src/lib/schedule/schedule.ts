import type { SchedulingProblem } from '../problem/scheduling-problem.js';

/** A schedule in index form: task t runs on `processorOf[t]` from `start[t]` to `finish[t]`. */
export interface Schedule {
  readonly processorOf: Int32Array;
  readonly start: Float64Array;
  readonly finish: Float64Array;
}

/** A schedule entry in the documents' terms (ids, not indices): the shape of the CLI's and API's output. */
export interface Assignment {
  task: string;
  processor: string;
  start: number;
  finish: number;
}

export function emptySchedule(taskCount: number): Schedule {
  return {
    processorOf: new Int32Array(taskCount).fill(-1),
    start: new Float64Array(taskCount),
    finish: new Float64Array(taskCount),
  };
}

export function makespanOf(schedule: Schedule): number {
  let makespan = 0;
  const finish = schedule.finish;
  for (let t = 0; t < finish.length; t++) if (finish[t]! > makespan) makespan = finish[t]!;
  return makespan;
}

/** Assignments ordered by start time, then by task input order. */
export function toAssignments(problem: SchedulingProblem, schedule: Schedule): Assignment[] {
  const n = problem.taskCount;
  const order = Array.from({ length: n }, (_, t) => t);
  order.sort((a, b) => schedule.start[a]! - schedule.start[b]! || a - b);
  return order.map((t) => ({
    task: problem.taskIds[t]!,
    processor: problem.processorIds[schedule.processorOf[t]!]!,
    start: schedule.start[t]!,
    finish: schedule.finish[t]!,
  }));
}

/**
 * Index form of assignments given by id. Throws on an unknown id or a task given twice or not at all;
 * for a report of everything wrong with untrusted assignments use `checkSchedule`.
 */
export function fromAssignments(problem: SchedulingProblem, assignments: readonly Assignment[]): Schedule {
  const schedule = emptySchedule(problem.taskCount);
  for (const a of assignments) {
    const t = problem.taskIndex.get(a.task);
    const p = problem.processorIndex.get(a.processor);
    if (t === undefined) throw new Error(`assignment for unknown task "${a.task}"`);
    if (p === undefined) throw new Error(`assignment of task "${a.task}" to unknown processor "${a.processor}"`);
    if (schedule.processorOf[t] !== -1) throw new Error(`task "${a.task}" is assigned twice`);
    schedule.processorOf[t] = p;
    schedule.start[t] = a.start;
    schedule.finish[t] = a.finish;
  }
  const missing = schedule.processorOf.indexOf(-1);
  if (missing !== -1) throw new Error(`task "${problem.taskIds[missing]}" has no assignment`);
  return schedule;
}
