import { readFileSync } from 'node:fs';
import { compileProblem, type SchedulingProblem } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, exactProblems, placementsOf, type Placement } from '../testing/mapping-reference.js';
import { PartialSchedule, ReadyCompletionTimes } from './completion-times.js';

/** Property runs of naive references take seconds, more on a loaded machine: a generous limit, never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

// a -> c (data 4), b -> c (data 0); on p, q with latency 1 and bandwidth 2 (a transfer of 4 takes 1 + 4 / 2 = 3).
const problem = compileProblem(
  {
    tasks: [
      { id: 'a', costs: { p: 2, q: 3 } },
      { id: 'b', costs: { p: 1, q: 1 } },
      { id: 'c', costs: { p: 4, q: 2 } },
    ],
    edges: [
      { from: 'a', to: 'c', data: 4 },
      { from: 'b', to: 'c' },
    ],
  },
  { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 1, bandwidth: 2 } },
);
const [a, b, c] = [0, 1, 2];
const [p, q] = [0, 1];

describe('PartialSchedule', () => {
  it('computes data-arrival times: the finish on the same processor, + latency + data / bandwidth across', () => {
    const partial = new PartialSchedule(problem, false);
    expect(partial.place(a, p, 0)).toBe(2);
    expect(partial.place(b, q, 0)).toBe(1);
    // c: from a (p, finish 2, data 4): p 2, q 2 + 3 = 5; from b (q, finish 1, data 0): p 1 + 1 = 2, q 1
    expect(Array.from(partial.arrivalTimes(c, new Float64Array(2)))).toEqual([2, 5]);
    expect([partial.arrivalOn(c, p), partial.arrivalOn(c, q)]).toEqual([2, 5]);
    expect(partial.arrivalOn(a, q)).toBe(0);
  });

  it('refuses to evaluate a task before its predecessors are placed, or to place a task twice', () => {
    const partial = new PartialSchedule(problem, false);
    partial.place(a, p, 0);
    expect(() => partial.arrivalOn(c, p)).toThrow('task "c" is evaluated before its predecessor "b" is placed');
    expect(() => partial.arrivalTimes(c, new Float64Array(2))).toThrow('before its predecessor "b"');
    expect(() => partial.place(a, q, 0)).toThrow('task "a" is placed twice');
  });

  it('appends after the last task without insertion, and uses an idle gap with it', () => {
    for (const insertion of [false, true]) {
      const partial = new PartialSchedule(problem, insertion);
      partial.place(a, p, 5); // data ready at 5 (as if): p busy [5, 7), idle [0, 5)
      expect(partial.availableAt(p)).toBe(7);
      // b (1 long) ready at 0: after a at 7, or in the gap at 0
      expect(partial.earliestStart(p, 0, 1)).toBe(insertion ? 0 : 7);
      expect(partial.place(b, p, 0)).toBe(insertion ? 1 : 8);
      expect(partial.schedule.start[b]).toBe(insertion ? 0 : 7);
    }
  });
});

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
  /** Checks every cached figure against the document model; returns the ready tasks in input order. */
  function expectCurrent(model: DocumentModel, ready: ReadyCompletionTimes, placements: Placement[], insertion: boolean): number[] {
    const expected = model.readyTasks(placements);
    const actual = Array.from({ length: ready.size }, (_, i) => ready.taskAt(i)).sort((x, y) => x - y);
    expect(actual).toEqual(expected);
    for (const t of expected) {
      const finishes = Array.from({ length: model.processorCount }, (_, p) => model.placement(placements, t, p, insertion).finish);
      expect(finishes.map((_, p) => ready.finishOn(t, p))).toEqual(finishes);
      const best = finishes.indexOf(Math.min(...finishes));
      const rest = finishes.filter((_, p) => p !== best);
      expect(ready.bestProcessor(t)).toBe(best);
      expect(ready.secondBestFinish(t)).toBe(rest.length > 0 ? Math.min(...rest) : finishes[best]);
    }
    return expected;
  }

  const scenario = fc.record({
    documents: exactProblems({ maxTasks: 12, maxProcessors: 4 }),
    insertion: fc.boolean(),
    picks: fc.array(fc.record({ task: fc.nat(), processor: fc.nat() }), { minLength: 12, maxLength: 12 }),
  });

  it('every ready set, completion time, best processor and second-best time, and the final schedule', () => {
    fc.assert(
      fc.property(scenario, ({ documents, insertion, picks }) => {
        const compiled: SchedulingProblem = compileProblem(documents.workflow, documents.cluster);
        const model = new DocumentModel(documents);
        const ready = new ReadyCompletionTimes(compiled, insertion);
        const placements: Placement[] = new Array(model.taskCount);
        for (let k = 0; k < model.taskCount; k++) {
          const candidates = expectCurrent(model, ready, placements, insertion);
          const t = candidates[picks[k % picks.length]!.task % candidates.length]!;
          const processor = picks[k % picks.length]!.processor % model.processorCount;
          placements[t] = model.placement(placements, t, processor, insertion);
          ready.place(t, processor);
        }
        expect(ready.size).toBe(0);
        expect(placementsOf(ready.schedule)).toEqual(placements);
      }),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

describe('the verbatim copies shared by the mapping-heuristic libs', () => {
  // Each lib holds a copy of the helper (until it moves into @hetsched/core) and of the test support (until it moves
  // into the testing libs); a copy that drifted would make the heuristics disagree on what a completion time is, or
  // their tests on what the model is. Remove these checks with the move.
  const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
  it.each(['maxmin', 'duplex', 'mct', 'met', 'olb', 'sufferage'])('libs/schedulers/%s has the same completion-times.ts', (lib) => {
    expect(read(`../../../${lib}/src/lib/completion-times.ts`)).toBe(read('./completion-times.ts'));
  });
  it.each(['maxmin', 'duplex', 'mct', 'met', 'olb', 'sufferage', 'fastest-node'])('libs/schedulers/%s has the same testing/mapping-reference.ts', (lib) => {
    expect(read(`../../../${lib}/src/testing/mapping-reference.ts`)).toBe(read('../testing/mapping-reference.ts'));
  });
});
