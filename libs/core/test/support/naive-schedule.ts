/**
 * Naive list-scheduling arithmetic read from the documents (never from a compiled problem's arrays), for the specs
 * that check core's schedulers against a plain recomputation. Tasks and processors are numbered in document order,
 * as compileProblem numbers them. Test support only.
 */
import type { ClusterSpec, WorkflowSpec } from '../../src/index.js';
import { bruteForceEarliestStart, documentCost, documentTransfer } from './random-problem.js';

export interface Documents {
  workflow: WorkflowSpec;
  cluster: ClusterSpec;
}

/** Where and when a task runs, in index form. */
export interface NaivePlacement {
  processor: number;
  start: number;
  finish: number;
}

/** Placements so far, by task index (undefined: not placed). */
export type NaivePlacements = readonly (NaivePlacement | undefined)[];

/** The predecessors of task t (by index) with the data each sends, in document edge order. */
export function naivePredecessors({ workflow }: Documents, t: number): { task: number; data: number }[] {
  const id = workflow.tasks[t]!.id;
  const index = (taskId: string) => workflow.tasks.findIndex((task) => task.id === taskId);
  return workflow.edges.filter((e) => e.to === id).map((e) => ({ task: index(e.from), data: e.data ?? 0 }));
}

export function naiveCost({ workflow, cluster }: Documents, t: number, p: number): number {
  return documentCost(workflow.tasks[t]!, cluster.processors[p]!);
}

/** When the data of every predecessor of t are on processor p; throws when one is not placed. */
export function naiveArrival(documents: Documents, placed: NaivePlacements, t: number, p: number): number {
  const { cluster } = documents;
  let ready = 0;
  for (const { task, data } of naivePredecessors(documents, t)) {
    const parent = placed[task];
    if (!parent) throw new Error('predecessor not placed');
    ready = Math.max(ready, parent.finish + documentTransfer(cluster, data, cluster.processors[parent.processor]!.id, cluster.processors[p]!.id));
  }
  return ready;
}

/**
 * Where t would run on p: from its data-arrival time, after the last task on p (no insertion) or at the earliest
 * start that meets no task on p (insertion, by brute force).
 */
export function naivePlacement(documents: Documents, placed: NaivePlacements, t: number, p: number, insertion: boolean): NaivePlacement {
  const ready = naiveArrival(documents, placed, t, p);
  const duration = naiveCost(documents, t, p);
  const busy = placed.filter((x): x is NaivePlacement => x !== undefined && x.processor === p);
  const start = insertion ? bruteForceEarliestStart(busy, ready, duration) : Math.max(ready, ...busy.map((x) => x.finish));
  return { processor: p, start, finish: start + duration };
}

/** The placement of t of earliest finish over the processors, ties to the processor listed first. */
export function naiveEarliestFinish(documents: Documents, placed: NaivePlacements, t: number, insertion: boolean): NaivePlacement {
  let best: NaivePlacement | undefined;
  for (let p = 0; p < documents.cluster.processors.length; p++) {
    const candidate = naivePlacement(documents, placed, t, p, insertion);
    if (!best || candidate.finish < best.finish) best = candidate;
  }
  return best!;
}

/** Unplaced tasks whose predecessors are all placed, in index order. */
export function naiveReadyTasks(documents: Documents, placed: NaivePlacements): number[] {
  return documents.workflow.tasks
    .map((_, t) => t)
    .filter((t) => !placed[t] && naivePredecessors(documents, t).every((e) => placed[e.task]));
}

/** A schedule's placements, by task index. */
export function placementsOf(schedule: { processorOf: Int32Array; start: Float64Array; finish: Float64Array }): NaivePlacement[] {
  return Array.from(schedule.processorOf, (processor, t) => ({ processor, start: schedule.start[t]!, finish: schedule.finish[t]! }));
}
