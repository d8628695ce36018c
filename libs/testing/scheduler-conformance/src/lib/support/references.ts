/** Naive reference schedulers that the specs of several scheduler libs share, on the exact document model. */
import { DocumentModel, type Placement } from './document-model.js';
import type { DocumentProblem } from './document-problems.js';
import { Q } from './exact.js';

/** Min-min takes the ready task of least earliest finish, Max-min the one of largest. */
export type BatchRule = 'min' | 'max';

/**
 * Min-min ('min') and Max-min ('max') as Braun et al. (2001) state them, over the ready set of the DAG: recompute
 * the earliest-finish placement of every ready task, take the task whose earliest finish is smallest (largest), ties
 * to the task listed first, place it there, repeat. The minmin, maxmin and duplex specs compare with it.
 */
export function referenceMinMaxMin(problem: DocumentProblem, rule: BatchRule, insertion: boolean): Placement[] {
  const model = new DocumentModel(problem);
  const placements: Placement[] = new Array(model.taskCount);
  for (let placed = 0; placed < model.taskCount; placed++) {
    const candidates = model.readyTasks(placements).map((t) => ({ t, placement: model.earliestPlacement(placements, t, insertion) }));
    // ready tasks come in input order: keeping the first of equals breaks ties towards the task listed first
    const pick = candidates.reduce((a, b) => (outranks(rule, b.placement, a.placement) ? b : a));
    placements[pick.t] = pick.placement;
  }
  return placements;
}

/** b's finish beats a's by the rule: strictly earlier for 'min', strictly later for 'max'. */
export function outranks(rule: BatchRule, b: Placement, a: Placement): boolean {
  const c = b.finish.cmp(a.finish);
  return rule === 'min' ? c < 0 : c > 0;
}

/** A task that does not start when a scheduler without insertion should start it (see `delayedStarts`). */
export interface DelayedStart {
  task: number;
  start: number;
  expected: number;
}

/**
 * For a schedule built without insertion, given as rows [processor, start, finish] per task: the tasks that do not
 * start at max(their data arrival, the end of the task before them on their processor), a zero-length task starting
 * with them counting as before. A scheduler that never idles a processor without cause gives none.
 */
export function delayedStarts(problem: DocumentProblem, rows: readonly (readonly [number, number, number])[]): DelayedStart[] {
  const model = new DocumentModel(problem);
  const placements = rows.map(([processor, start, finish]) => ({ processor, start: Q.of(start), finish: Q.of(finish) }));
  const delayed: DelayedStart[] = [];
  rows.forEach(([p, start], t) => {
    const before = rows.filter(([q, s, f], u) => q === p && u !== t && (s < start || (s === start && f <= start)));
    const previousEnd = Math.max(0, ...before.map(([, , f]) => f));
    const expected = Math.max(previousEnd, model.arrival(placements, t, p).toNumber());
    if (start !== expected) delayed.push({ task: t, start, expected });
  });
  return delayed;
}
