import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naivePlacement, naiveReadyTasks, placementsOf, type Documents, type NaivePlacement } from '../../../test/support/naive-schedule.js';
import { twoInputs } from '../../../test/support/examples.js';
import { randomProblem } from '../../../test/support/random-problem.js';
import { compileProblem } from '../problem/scheduling-problem.js';
import { ReadyCompletionTimes } from './ready-completion-times.js';

/** Generous: naive references are slow on a loaded machine; never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

// a -> c (data 4), b -> c (no data); costs on (p, q): a (2, 3), b (1, 1), c (4, 2); a's data take 3 to cross, b's 1.
const problem = compileProblem(twoInputs.workflow, twoInputs.cluster);
const [a, b, c] = [0, 1, 2];
const [p, q] = [0, 1];

describe('ReadyCompletionTimes', () => {
  it('starts with the entry tasks and their completion times on every processor, and the two earliest', () => {
    const ready = new ReadyCompletionTimes(problem, false);
    expect(new Set([ready.taskAt(0), ready.taskAt(1)])).toEqual(new Set([a, b]));
    expect(ready.size).toBe(2);
    expect([ready.finishOn(a, p), ready.finishOn(a, q)]).toEqual([2, 3]);
    expect([ready.bestProcessor(a), ready.bestFinish(a), ready.secondBestFinish(a)]).toEqual([p, 2, 3]);
    // b ties on both: the first listed is the best, the other the second
    expect([ready.bestProcessor(b), ready.bestFinish(b), ready.secondBestFinish(b)]).toEqual([p, 1, 1]);
    expect(() => ready.bestProcessor(c)).toThrow('task "c" is not ready');
  });

  it('moves the column of the processor that took a task, and adds a task once its last predecessor is placed', () => {
    const ready = new ReadyCompletionTimes(problem, false);
    ready.place(a, p); // p busy until 2
    expect([ready.finishOn(b, p), ready.finishOn(b, q)]).toEqual([3, 1]);
    expect([ready.bestProcessor(b), ready.secondBestFinish(b)]).toEqual([q, 3]);
    expect(ready.size).toBe(1);
    ready.place(b, q); // q busy until 1
    // c: data on p at max(2, 1 + 1) = 2, on q at max(2 + 3, 1) = 5; p free at 2, q at 1
    expect(ready.size).toBe(1);
    expect(ready.taskAt(0)).toBe(c);
    expect([ready.finishOn(c, p), ready.finishOn(c, q), ready.bestProcessor(c)]).toEqual([6, 7, p]);
    ready.place(c, p);
    expect(ready.size).toBe(0);
    expect(placementsOf(ready.schedule)).toEqual([
      { processor: p, start: 0, finish: 2 },
      { processor: q, start: 0, finish: 1 },
      { processor: p, start: 2, finish: 6 },
    ]);
  });

  it('on one processor, the second-earliest completion time is the earliest', () => {
    const single = compileProblem({ tasks: [{ id: 'x', work: 3 }], edges: [] }, { processors: [{ id: 'only' }] });
    const ready = new ReadyCompletionTimes(single, false);
    expect([ready.bestProcessor(0), ready.bestFinish(0), ready.secondBestFinish(0)]).toEqual([0, 3, 3]);
  });
});

describe('ReadyCompletionTimes (property): agrees with a naive recomputation after any sequence of placements', () => {
  /** Checks every cached figure against the documents; returns the ready tasks in input order. */
  function expectCurrent(documents: Documents, ready: ReadyCompletionTimes, placements: NaivePlacement[], insertion: boolean): number[] {
    const expected = naiveReadyTasks(documents, placements);
    const actual = Array.from({ length: ready.size }, (_, i) => ready.taskAt(i)).sort((x, y) => x - y);
    expect(actual).toEqual(expected);
    for (const t of expected) {
      const finishes = documents.cluster.processors.map((_, x) => naivePlacement(documents, placements, t, x, insertion).finish);
      expect(finishes.map((_, x) => ready.finishOn(t, x))).toEqual(finishes);
      const best = finishes.indexOf(Math.min(...finishes));
      const rest = finishes.filter((_, x) => x !== best);
      expect(ready.bestProcessor(t)).toBe(best);
      expect(ready.secondBestFinish(t)).toBe(rest.length > 0 ? Math.min(...rest) : finishes[best]);
    }
    return expected;
  }

  const scenario = fc.record({
    documents: randomProblem({ maxTasks: 12, maxProcessors: 4, numbers: 'exact' }),
    insertion: fc.boolean(),
    picks: fc.array(fc.record({ task: fc.nat(), processor: fc.nat() }), { minLength: 12, maxLength: 12 }),
  });

  it('every ready set, completion time, best processor and second-best time, and the final schedule', () => {
    fc.assert(
      fc.property(scenario, ({ documents, insertion, picks }) => {
        const compiled = compileProblem(documents.workflow, documents.cluster);
        const ready = new ReadyCompletionTimes(compiled, insertion);
        const placements: NaivePlacement[] = new Array(compiled.taskCount);
        for (let k = 0; k < compiled.taskCount; k++) {
          const candidates = expectCurrent(documents, ready, placements, insertion);
          const t = candidates[picks[k % picks.length]!.task % candidates.length]!;
          const processor = picks[k % picks.length]!.processor % compiled.processorCount;
          placements[t] = naivePlacement(documents, placements, t, processor, insertion);
          ready.place(t, processor);
        }
        expect(ready.size).toBe(0);
        expect(placementsOf(ready.schedule)).toEqual(placements);
      }),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT_MS);
});
