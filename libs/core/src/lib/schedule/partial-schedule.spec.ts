import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naiveArrival, naivePlacement, naiveReadyTasks, placementsOf, type NaivePlacement } from '../../../test/support/naive-schedule.js';
import { twoInputs } from '../../../test/support/examples.js';
import { randomProblem } from '../../../test/support/random-problem.js';
import { compileProblem } from '../problem/scheduling-problem.js';
import { PartialSchedule } from './partial-schedule.js';
import { ProcessorTimelines } from './processor-timelines.js';
import { emptySchedule } from './schedule.js';

/** Generous: naive references are slow on a loaded machine; never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

// a -> c (data 4), b -> c (no data); costs on (p, q): a (2, 3), b (1, 1), c (4, 2); a's data take 3 to cross, b's 1.
const problem = compileProblem(twoInputs.workflow, twoInputs.cluster);
const [a, b, c] = [0, 1, 2];
const [p, q] = [0, 1];

describe('PartialSchedule', () => {
  it('computes data-arrival times: the finish on the same processor, + latency + data / bandwidth across', () => {
    const partial = new PartialSchedule(problem, { insertion: false });
    expect(partial.place(a, p, 0)).toBe(2);
    expect(partial.place(b, q, 0)).toBe(1);
    // c: from a (p, finish 2, data 4): p 2, q 2 + 3 = 5; from b (q, finish 1, data 0): p 1 + 1 = 2, q 1
    expect(Array.from(partial.arrivalTimes(c, new Float64Array(2)))).toEqual([2, 5]);
    expect([partial.arrivalOn(c, p), partial.arrivalOn(c, q)]).toEqual([2, 5]);
    expect(partial.arrivalOn(a, q)).toBe(0);
  });

  it('refuses to evaluate a task before its predecessors are placed, or to place a task twice', () => {
    const partial = new PartialSchedule(problem, { insertion: false });
    partial.place(a, p, 0);
    expect(() => partial.arrivalOn(c, p)).toThrow('task "c" is evaluated before its predecessor "b" is placed');
    expect(() => partial.arrivalTimes(c, new Float64Array(2))).toThrow('before its predecessor "b"');
    expect(() => partial.place(a, q, 0)).toThrow('task "a" is placed twice');
  });

  it('appends after the last task without insertion, and uses an idle gap with it', () => {
    for (const insertion of [false, true]) {
      const partial = new PartialSchedule(problem, { insertion });
      partial.place(a, p, 5); // data ready at 5 (as if): p busy [5, 7), idle [0, 5)
      expect(partial.availableAt(p)).toBe(7);
      // b (1 long) ready at 0: after a at 7, or in the gap at 0
      expect(partial.earliestStart(p, 0, 1)).toBe(insertion ? 0 : 7);
      expect(partial.place(b, p, 0)).toBe(insertion ? 1 : 8);
      expect(partial.schedule.start[b]).toBe(insertion ? 0 : 7);
    }
  });

  it('placeAt takes the start its caller found; reused timelines and schedule start empty', () => {
    const timelines = new ProcessorTimelines(2);
    const into = emptySchedule(3);
    const first = new PartialSchedule(problem, { insertion: true, timelines, into });
    expect(first.placeAt(a, q, 4)).toBe(7);
    const second = new PartialSchedule(problem, { insertion: true, timelines, into });
    expect(second.schedule).toBe(into);
    expect(second.isPlaced(a)).toBe(false);
    expect(second.availableAt(q)).toBe(0);
  });
});

describe('PartialSchedule (property): every arrival, start and placement is the naive one from the documents', () => {
  const scenario = fc.record({
    documents: randomProblem({ maxTasks: 10, maxProcessors: 4, numbers: 'exact' }),
    insertion: fc.boolean(),
    picks: fc.array(fc.record({ task: fc.nat(), processor: fc.nat() }), { minLength: 10, maxLength: 10 }),
  });

  it('places any ready task on any processor at its earliest start, with and without insertion', () => {
    fc.assert(
      fc.property(scenario, ({ documents, insertion, picks }) => {
        const compiled = compileProblem(documents.workflow, documents.cluster);
        const partial = new PartialSchedule(compiled, { insertion });
        const placed: NaivePlacement[] = new Array(compiled.taskCount);
        for (let k = 0; k < compiled.taskCount; k++) {
          const ready = naiveReadyTasks(documents, placed);
          const t = ready[picks[k % picks.length]!.task % ready.length]!;
          const processor = picks[k % picks.length]!.processor % compiled.processorCount;
          const expected = naivePlacement(documents, placed, t, processor, insertion);
          const arrivals = Array.from({ length: compiled.processorCount }, (_, x) => naiveArrival(documents, placed, t, x));
          expect(Array.from(partial.arrivalTimes(t, new Float64Array(compiled.processorCount)))).toEqual(arrivals);
          expect(partial.arrivalOn(t, processor)).toBe(arrivals[processor]);
          expect(partial.earliestStart(processor, arrivals[processor]!, expected.finish - expected.start)).toBe(expected.start);
          expect(partial.place(t, processor, partial.arrivalOn(t, processor))).toBe(expected.finish);
          placed[t] = expected;
        }
        expect(placementsOf(partial.schedule)).toEqual(placed);
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT_MS);
});
