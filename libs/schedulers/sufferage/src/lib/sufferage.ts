import { ReadyCompletionTimes, type Schedule, type SchedulingProblem } from '@hetsched/core';

export interface SufferageOptions {
  /** Place a task in the earliest idle gap long enough rather than after its processor's last task (the paper's). */
  insertion: boolean;
}

export interface SufferageResult {
  schedule: Schedule;
  /** Passes over the meta-task (each places at most one task per processor). */
  passes: number;
}

/**
 * Sufferage (Maheswaran, Ali, Siegel, Hensgen & Freund, JPDC 59(2), 1999) on a DAG, the meta-task of
 * each pass being the ready set (the tasks not placed whose predecessors all are):
 *  1. mark every processor unassigned;
 *  2. for each task of the meta-task, in input order: find the processor of its earliest completion time (ties to
 *     the processor listed first) and its sufferage, second-earliest minus earliest completion time (0 with one
 *     processor). If that processor is unassigned, the task takes it; if the task holding it has a smaller
 *     sufferage, the newcomer takes it and the holder goes back to the meta-task (it tries no other processor in
 *     this pass); otherwise the newcomer waits for the next pass;
 *  3. place every task holding a processor there, at the completion time computed at the start of the pass (each
 *     processor takes one task, so the times stay exact), then repeat with the new ready set.
 * The outcome of step 2 is, per processor, the task of largest sufferage among those that prefer it, ties to the
 * task listed first; it is computed so, in one scan of the ready set in any order.
 *
 * Completion time on p: max(data arrival on p, availability of p) + cost, data from a predecessor on another
 * processor arriving its finish + latency + data / bandwidth later, p available after its last task (the paper's
 * machine ready time) or, with `insertion`, in its earliest idle gap long enough.
 *
 * O(R) per pass (R ready tasks) plus ReadyCompletionTimes' upkeep, O(R) per placed task and O(m) per rescanned row:
 * O(n·R + E·m) in all. Every pass places at least one task.
 */
export function sufferage(problem: SchedulingProblem, options: SufferageOptions = { insertion: false }): SufferageResult {
  const m = problem.processorCount;
  const ready = new ReadyCompletionTimes(problem, options.insertion);
  const holder = new Int32Array(m);
  const held = new Float64Array(m);
  let passes = 0;
  while (ready.size > 0) {
    passes++;
    holder.fill(-1);
    for (let i = 0; i < ready.size; i++) {
      const t = ready.taskAt(i);
      const p = ready.bestProcessor(t);
      const suffering = ready.secondBestFinish(t) - ready.bestFinishAt(i);
      const current = holder[p]!;
      if (current === -1 || held[p]! < suffering || (held[p] === suffering && t < current)) {
        holder[p] = t;
        held[p] = suffering;
      }
    }
    for (let p = 0; p < m; p++) if (holder[p] !== -1) ready.place(holder[p]!, p);
  }
  return { schedule: ready.schedule, passes };
}
