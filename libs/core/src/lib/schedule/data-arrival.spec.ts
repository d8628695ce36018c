import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naiveArrival, naivePredecessors, type NaivePlacement } from '../../../test/support/naive-schedule.js';
import { twoInputs } from '../../../test/support/examples.js';
import { randomProblem } from '../../../test/support/random-problem.js';
import { compileProblem } from '../problem/scheduling-problem.js';
import { DataArrival, NOT_ALL_PLACED } from './data-arrival.js';
import { emptySchedule } from './schedule.js';

/** Generous: naive references are slow on a loaded machine; never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

// a -> c (data 4), b -> c (no data); costs on (p, q): a (2, 3), b (1, 1), c (4, 2); a's data take 3 to cross, b's 1.
const problem = compileProblem(twoInputs.workflow, twoInputs.cluster);
const [a, b, c] = [0, 1, 2];
const [p, q] = [0, 1];

describe('DataArrival', () => {
  it('takes the finish on the same processor and finish + latency + data / bandwidth across, the latest input', () => {
    const schedule = emptySchedule(3);
    const arrivals = new DataArrival(problem, schedule);
    schedule.processorOf.set([p, q]);
    schedule.finish.set([2, 1]);
    // c: from a (p, finish 2, data 4): p 2, q 2 + 3 = 5; from b (q, finish 1, data 0): p 1 + 1 = 2, q 1
    const row = new Float64Array(2);
    expect(arrivals.fill(c, row)).toBe(true);
    expect(Array.from(row)).toEqual([2, 5]);
    expect([arrivals.on(c, p), arrivals.on(c, q)]).toEqual([2, 5]);
    // an entry task's data are there at 0, and `fill` clears what the row held
    expect(arrivals.fill(a, row)).toBe(true);
    expect(Array.from(row)).toEqual([0, 0]);
    expect(arrivals.on(a, q)).toBe(0);
  });

  it('says so when a predecessor is not placed, and names the first such one', () => {
    const schedule = emptySchedule(3);
    const arrivals = new DataArrival(problem, schedule);
    expect(arrivals.fill(c, new Float64Array(2))).toBe(false);
    expect(arrivals.on(c, p)).toBe(NOT_ALL_PLACED);
    expect(arrivals.unplacedPredecessor(c)).toBe(a);
    schedule.processorOf[a] = p;
    expect(arrivals.unplacedPredecessor(c)).toBe(b);
    expect(arrivals.unplacedPredecessor(a)).toBe(-1);
  });

  it('raise adds one edge to a row: it only ever raises an entry', () => {
    const arrivals = new DataArrival(problem, emptySchedule(3));
    const row = Float64Array.of(4, 4);
    arrivals.raise(row, p, 2, 4); // p: 2 (kept at 4), q: 2 + 1 + 4 / 2 = 5
    expect(Array.from(row)).toEqual([4, 5]);
  });
});

describe('DataArrival (property): every figure is the naive arrival read from the documents', () => {
  const scenario = randomProblem({ maxTasks: 10, maxProcessors: 5, numbers: 'exact' }).chain((documents) =>
    fc.record({
      documents: fc.constant(documents),
      // per task: placed or not, where, and when it finishes
      placed: fc.array(fc.record({ placed: fc.boolean(), processor: fc.nat(), finish: fc.integer({ min: 0, max: 40 }) }), {
        minLength: documents.workflow.tasks.length,
        maxLength: documents.workflow.tasks.length,
      }),
    }),
  );

  it('fill, on, raise and unplacedPredecessor agree with the documents for any placement of the predecessors', () => {
    fc.assert(
      fc.property(scenario, ({ documents, placed }) => {
        const compiled = compileProblem(documents.workflow, documents.cluster);
        const m = compiled.processorCount;
        const schedule = emptySchedule(compiled.taskCount);
        const naive: (NaivePlacement | undefined)[] = placed.map((x, t) => {
          if (!x.placed) return undefined;
          schedule.processorOf[t] = x.processor % m;
          schedule.finish[t] = x.finish;
          return { processor: x.processor % m, start: 0, finish: x.finish };
        });
        const arrivals = new DataArrival(compiled, schedule);
        for (let t = 0; t < compiled.taskCount; t++) {
          const predecessors = naivePredecessors(documents, t).map((e) => e.task);
          const row = new Float64Array(m);
          const complete = arrivals.fill(t, row);
          expect(complete).toBe(predecessors.every((u) => naive[u]));
          expect(arrivals.unplacedPredecessor(t)).toBe(predecessors.find((u) => !naive[u]) ?? -1);
          if (!complete) {
            expect(arrivals.on(t, 0)).toBe(NOT_ALL_PLACED);
            continue;
          }
          const expected = Array.from({ length: m }, (_, p) => naiveArrival(documents, naive, t, p));
          expect(Array.from(row)).toEqual(expected);
          expect(Array.from({ length: m }, (_, p) => arrivals.on(t, p))).toEqual(expected);
          // raise, edge by edge in any order, gives the same row
          const raised = new Float64Array(m);
          for (let i = compiled.predOffsets[t + 1]! - 1; i >= compiled.predOffsets[t]!; i--) {
            const u = compiled.predTasks[i]!;
            arrivals.raise(raised, schedule.processorOf[u]!, schedule.finish[u]!, compiled.predData[i]!);
          }
          expect(Array.from(raised)).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT_MS);
});
