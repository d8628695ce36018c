import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naiveEarliestFinish, naiveReadyTasks, placementsOf, type Documents, type NaivePlacement } from '../../../test/support/naive-schedule.js';
import { randomProblem } from '../../../test/support/random-problem.js';
import { compileProblem } from '../problem/scheduling-problem.js';
import { scheduleByCompletionTime, type CompletionTimeRule } from './batch-scheduler.js';

/** Generous: naive references are slow on a loaded machine; never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

/** Min-min / Max-min recomputed from scratch at every pick: every ready task's earliest finish, the least / largest. */
function naiveByCompletionTime(documents: Documents, rule: CompletionTimeRule, insertion: boolean): NaivePlacement[] {
  const placements: NaivePlacement[] = new Array(documents.workflow.tasks.length);
  for (let ready = naiveReadyTasks(documents, placements); ready.length > 0; ready = naiveReadyTasks(documents, placements)) {
    const options = ready.map((t) => ({ t, placement: naiveEarliestFinish(documents, placements, t, insertion) }));
    // `ready` is in index order: keeping the first of equals breaks ties towards the task listed first
    const pick = options.reduce((x, y) => ((rule === 'min' ? y.placement.finish < x.placement.finish : y.placement.finish > x.placement.finish) ? y : x));
    placements[pick.t] = pick.placement;
  }
  return placements;
}

describe('scheduleByCompletionTime', () => {
  it('Min-min takes the ready task of least earliest finish, Max-min the largest, each to that processor', () => {
    // Independent tasks of work 1, 2, 4 on p (speed 1) and q (speed 2):
    //  min: a 0.5 on q; b: p 2, q 0.5 + 1 = 1.5 -> 1.5; c: p 4, q 2.5 -> 2.5   -> b on q [0.5, 1.5]
    //       c: p 4, q 1.5 + 2 = 3.5                                         -> c on q [1.5, 3.5]
    //  max: c 2 on q; then a: p 1, q 2.5 -> 1; b: p 2, q 3 -> 2              -> b on p [0, 2]
    //       a: p 3, q 2.5                                                    -> a on q [2, 2.5]
    const problem = compileProblem({ tasks: [1, 2, 4].map((work, i) => ({ id: 'abc'[i]!, work })), edges: [] }, { processors: [{ id: 'p' }, { id: 'q', speed: 2 }] });
    expect(placementsOf(scheduleByCompletionTime(problem, 'min', false))).toEqual([
      { processor: 1, start: 0, finish: 0.5 },
      { processor: 1, start: 0.5, finish: 1.5 },
      { processor: 1, start: 1.5, finish: 3.5 },
    ]);
    expect(placementsOf(scheduleByCompletionTime(problem, 'max', false))).toEqual([
      { processor: 1, start: 2, finish: 2.5 },
      { processor: 0, start: 0, finish: 2 },
      { processor: 1, start: 0, finish: 2 },
    ]);
  });

  it('equals the naive recomputation for both rules, with and without insertion (property)', () => {
    fc.assert(
      fc.property(randomProblem({ maxTasks: 10, maxProcessors: 4, numbers: 'exact' }), fc.constantFrom<CompletionTimeRule>('min', 'max'), fc.boolean(), (documents, rule, insertion) => {
        const schedule = scheduleByCompletionTime(compileProblem(documents.workflow, documents.cluster), rule, insertion);
        expect(placementsOf(schedule)).toEqual(naiveByCompletionTime(documents, rule, insertion));
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT_MS);
});
