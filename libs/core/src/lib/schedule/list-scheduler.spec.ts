import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naiveArrival, naivePlacement, type NaivePlacement } from '../../../test/support/naive-schedule.js';
import { bruteForceEarliestStart, documentCost, randomProblem, randomTopologicalOrder } from '../../../test/support/random-problem.js';
import { checkSchedule } from '../checker/check-schedule.js';
import type { ClusterSpec } from '../model/cluster.js';
import type { WorkflowSpec } from '../model/workflow.js';
import { compileProblem, type SchedulingProblem } from '../problem/scheduling-problem.js';
import { scheduleEarliestFinish, scheduleWithAssignment, UNPINNED } from './list-scheduler.js';
import { ProcessorTimelines } from './processor-timelines.js';
import { emptySchedule, toAssignments, type Schedule } from './schedule.js';

/** Generous: naive references are slow on a loaded machine; never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

const twoLinked: ClusterSpec = { processors: [{ id: 'p' }, { id: 'q' }], network: { bandwidth: 2, latency: 1 } };
const idx = (problem: SchedulingProblem, ids: string[]) => ids.map((id) => problem.taskIndex.get(id) as number);
const row = (schedule: Schedule, t: number) => [schedule.processorOf[t], schedule.start[t], schedule.finish[t]];

describe('scheduleWithAssignment', () => {
  // a -> b (data 4), a -> c (data 0); d independent
  const workflow: WorkflowSpec = {
    tasks: [
      { id: 'a', costs: { p: 2, q: 3 } },
      { id: 'b', costs: { p: 5, q: 4 } },
      { id: 'c', costs: { p: 1, q: 1 } },
      { id: 'd', costs: { p: 2, q: 2 } },
    ],
    edges: [
      { from: 'a', to: 'b', data: 4 },
      { from: 'a', to: 'c' },
    ],
  };
  const problem = compileProblem(workflow, twoLinked);
  const [a, b, c, d] = idx(problem, ['a', 'b', 'c', 'd']) as [number, number, number, number];

  it('starts a task when its inputs have arrived: latency + data / bandwidth across processors, nothing on one', () => {
    const schedule = scheduleWithAssignment(problem, [a, b, c, d], Int32Array.of(0, 1, 0, 1));
    expect(row(schedule, a)).toEqual([0, 0, 2]);
    expect(row(schedule, b)).toEqual([1, 2 + 1 + 4 / 2, 2 + 3 + 4]); // arrives at 5 on q
    expect(row(schedule, c)).toEqual([0, 2, 3]); // same processor: at once
    expect(row(schedule, d)).toEqual([1, 0, 2]); // fits before b on q
  });

  it('inserts a later task into an idle gap left by a communication wait', () => {
    // d placed last on q: the gap [0, 5) before b is long enough for it
    const schedule = scheduleWithAssignment(problem, [a, b, c, d], Int32Array.of(0, 1, 1, 1));
    expect(row(schedule, c)).toEqual([1, 2 + 1, 4]); // data 0 still pays the latency
    expect(row(schedule, b)).toEqual([1, 5, 9]);
    expect(row(schedule, d)).toEqual([1, 0, 2]); // q is busy [3,4) and [5,9): d (2 long, ready at 0) fits in [0,3)
  });

  it('refuses an order that breaks precedence, naming both tasks', () => {
    expect(() => scheduleWithAssignment(problem, [b, a, c, d], Int32Array.of(0, 0, 0, 0))).toThrow('order places task "b" before its predecessor "a"');
  });

  it('refuses an order listing a task twice or of the wrong length', () => {
    expect(() => scheduleWithAssignment(problem, [a, b, b, d], Int32Array.of(0, 0, 0, 0))).toThrow('order lists task "b" twice');
    expect(() => scheduleWithAssignment(problem, [a, b, c], Int32Array.of(0, 0, 0, 0))).toThrow('a schedule order must list all 4 tasks once, got 3');
    expect(() => scheduleWithAssignment(problem, [a, b, c, d, d], Int32Array.of(0, 0, 0, 0))).toThrow(RangeError);
  });

  it('refuses an order naming a task index that does not exist', () => {
    for (const bad of [4, -1, 1.5]) {
      expect(() => scheduleWithAssignment(problem, [a, b, c, bad], Int32Array.of(0, 0, 0, 0))).toThrow(`order lists task index ${bad}, not a task of this problem (4 tasks)`);
    }
  });

  it('refuses a processor index out of range', () => {
    expect(() => scheduleWithAssignment(problem, [a, b, c, d], Int32Array.of(0, 2, 0, 0))).toThrow('task "b" has no valid processor (2)');
    expect(() => scheduleWithAssignment(problem, [a, b, c, d], Int32Array.of(-1, 0, 0, 0))).toThrow('task "a" has no valid processor (-1)');
  });

  it('gives the same schedule when it reuses timelines and an output schedule', () => {
    const timelines = new ProcessorTimelines(2);
    const into = emptySchedule(4);
    const first = scheduleWithAssignment(problem, [a, b, c, d], Int32Array.of(0, 1, 1, 1), timelines, into);
    expect(first).toBe(into);
    const snapshot = structuredClone({ p: Array.from(first.processorOf), s: Array.from(first.start), f: Array.from(first.finish) });
    scheduleWithAssignment(problem, [a, c, b, d], Int32Array.of(1, 0, 0, 0), timelines, into);
    scheduleWithAssignment(problem, [a, b, c, d], Int32Array.of(0, 1, 1, 1), timelines, into);
    expect({ p: Array.from(into.processorOf), s: Array.from(into.start), f: Array.from(into.finish) }).toEqual(snapshot);
  });
});

describe('scheduleEarliestFinish', () => {
  it('sends each task to the processor where it finishes first', () => {
    const problem = compileProblem({ tasks: [{ id: 'x', costs: { p: 3, q: 5 } }, { id: 'y', costs: { p: 3, q: 5 } }], edges: [] }, twoLinked);
    const schedule = scheduleEarliestFinish(problem, [0, 1]);
    expect(row(schedule, 0)).toEqual([0, 0, 3]);
    expect(row(schedule, 1)).toEqual([1, 0, 5]); // p would finish at 6
  });

  it('breaks a tie in finish time towards the processor listed first', () => {
    const problem = compileProblem({ tasks: [{ id: 'x', costs: { p: 4, q: 4 } }, { id: 'y', costs: { p: 2, q: 6 } }], edges: [] }, {
      processors: [{ id: 'q' }, { id: 'p' }],
    });
    const schedule = scheduleEarliestFinish(problem, [0, 1]);
    expect(problem.processorIds[schedule.processorOf[0] as number]).toBe('q');
    // y: on q after x at 4 -> 10; on p -> 2
    expect(row(schedule, 1)).toEqual([1, 0, 2]);
  });

  it('weighs communication: keeps a child with its parent when sending the data costs more than it saves', () => {
    // a (1 anywhere) -> b (p: 10, q: 1), data 20: on q, b would wait 1 + 20 / 2 = 11 for its input
    const problem = compileProblem(
      { tasks: [{ id: 'a', work: 1 }, { id: 'b', costs: { p: 10, q: 1 } }], edges: [{ from: 'a', to: 'b', data: 20 }] },
      twoLinked,
    );
    const schedule = scheduleEarliestFinish(problem, [0, 1]);
    expect(row(schedule, 0)).toEqual([0, 0, 1]);
    expect(row(schedule, 1)).toEqual([0, 1, 11]); // q: 1 + 11 + 1 = 13
  });

  it('uses insertion: a task goes into an idle gap before tasks placed earlier', () => {
    // a -> b with a big transfer to q; c independent, placed last, fits on q before b.
    const problem = compileProblem(
      {
        tasks: [
          { id: 'a', costs: { p: 2, q: 100 } },
          { id: 'b', costs: { p: 100, q: 2 } },
          { id: 'c', costs: { p: 100, q: 3 } },
        ],
        edges: [{ from: 'a', to: 'b', data: 8 }],
      },
      twoLinked,
    );
    const schedule = scheduleEarliestFinish(problem, [0, 1, 2]);
    expect(row(schedule, 1)).toEqual([1, 2 + 1 + 4, 9]);
    expect(row(schedule, 2)).toEqual([1, 0, 3]);
  });

  it('refuses an order that breaks precedence or lists a task twice', () => {
    const problem = compileProblem({ tasks: [{ id: 'a', work: 1 }, { id: 'b', work: 1 }], edges: [{ from: 'a', to: 'b' }] }, twoLinked);
    expect(() => scheduleEarliestFinish(problem, [1, 0])).toThrow('order places task "b" before its predecessor "a"');
    expect(() => scheduleEarliestFinish(problem, [0, 0])).toThrow('order lists task "a" twice');
    expect(() => scheduleEarliestFinish(problem, [0])).toThrow('a schedule order must list all 2 tasks once, got 1');
    expect(() => scheduleEarliestFinish(problem, [0, 2])).toThrow('order lists task index 2, not a task of this problem (2 tasks)');
    expect(() => scheduleEarliestFinish(problem, [-1, 0])).toThrow('order lists task index -1, not a task of this problem (2 tasks)');
  });
});

describe('scheduleEarliestFinish options', () => {
  // a -> b with a big transfer to q; c independent, placed last (costs as in the insertion example above)
  const problem = compileProblem(
    {
      tasks: [
        { id: 'a', costs: { p: 2, q: 100 } },
        { id: 'b', costs: { p: 100, q: 2 } },
        { id: 'c', costs: { p: 100, q: 3 } },
      ],
      edges: [{ from: 'a', to: 'b', data: 8 }],
    },
    twoLinked,
  );

  it('insertion: false appends every task after the last one on its processor', () => {
    // b on q [7, 9) as with insertion; c on q can no longer use the gap [0, 7): after b, [9, 12) (p: 2 + 100)
    const schedule = scheduleEarliestFinish(problem, [0, 1, 2], { insertion: false });
    expect(row(schedule, 1)).toEqual([1, 7, 9]);
    expect(row(schedule, 2)).toEqual([1, 9, 12]);
  });

  it('pinned sends a task to its processor whatever finishes first, at its earliest start there', () => {
    // b pinned to p: right after a, [2, 102); c then takes q at 0 (p would finish at 202)
    const pinned = Int32Array.of(UNPINNED, 0, UNPINNED);
    const schedule = scheduleEarliestFinish(problem, [0, 1, 2], { pinned });
    expect([row(schedule, 0), row(schedule, 1), row(schedule, 2)]).toEqual([
      [0, 0, 2],
      [0, 2, 102],
      [1, 0, 3],
    ]);
  });

  it('lookahead adds a term per processor to the finish it compares, and the task still starts at its earliest start', () => {
    // a: finish p 2 + 200 = 202 against q 100 + 0 = 100: a goes to q [0, 100)
    const lookahead = Float64Array.of(200, 0, 0, 0, 0, 0);
    const schedule = scheduleEarliestFinish(problem, [0, 1, 2], { lookahead });
    expect(row(schedule, 0)).toEqual([1, 0, 100]);
  });

  it('gives the same schedule with reused timelines', () => {
    const timelines = new ProcessorTimelines(2);
    const first = scheduleEarliestFinish(problem, [0, 1, 2], { timelines });
    scheduleEarliestFinish(problem, [0, 2, 1], { timelines, insertion: false });
    expect(scheduleEarliestFinish(problem, [0, 1, 2], { timelines })).toEqual(first);
  });
});

describe('scheduleEarliestFinish options (property)', () => {
  const scenario = randomProblem({ maxTasks: 10, maxProcessors: 4, numbers: 'exact' }).chain((documents) => {
    const n = documents.workflow.tasks.length;
    const m = documents.cluster.processors.length;
    return fc.record({
      documents: fc.constant(documents),
      keys: fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
      insertion: fc.boolean(),
      pinned: fc.option(fc.array(fc.option(fc.nat({ max: m - 1 }), { freq: 2 }), { minLength: n, maxLength: n })),
      lookahead: fc.option(fc.array(fc.integer({ min: 0, max: 8 }), { minLength: n * m, maxLength: n * m })),
    });
  });

  it('each task goes to its pinned processor, else to the one of least finish + lookahead, ties to the first', () => {
    fc.assert(
      fc.property(scenario, ({ documents, keys, insertion, pinned, lookahead }) => {
        const problem = compileProblem(documents.workflow, documents.cluster);
        const m = problem.processorCount;
        const order = randomTopologicalOrder(documents.workflow, keys);
        const options = {
          insertion,
          ...(pinned ? { pinned: Int32Array.from(pinned, (x) => x ?? UNPINNED) } : {}),
          ...(lookahead ? { lookahead: Float64Array.from(lookahead) } : {}),
        };
        const schedule = scheduleEarliestFinish(problem, order, options);
        const placed: NaivePlacement[] = [];
        for (const t of order) {
          const candidates = pinned?.[t] != null ? [pinned[t]!] : Array.from({ length: m }, (_, p) => p);
          let best: { placement: NaivePlacement; key: number } | undefined;
          for (const p of candidates) {
            const placement = naivePlacement(documents, placed, t, p, insertion);
            const key = placement.finish + (lookahead?.[t * m + p] ?? 0);
            if (!best || key < best.key) best = { placement, key };
          }
          placed[t] = best!.placement;
          expect(row(schedule, t)).toEqual([best!.placement.processor, best!.placement.start, best!.placement.finish]);
        }
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

describe('list schedulers (property)', () => {
  const scenario = randomProblem({ maxTasks: 10, maxProcessors: 5, numbers: 'exact' }).chain((problem) =>
    fc.record({
      problem: fc.constant(problem),
      keys: fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
      processors: fc.array(fc.nat(), { minLength: problem.workflow.tasks.length, maxLength: problem.workflow.tasks.length }),
    }),
  );

  it('scheduleWithAssignment: any precedence order and any processors give a valid schedule, each task at its earliest start', () => {
    fc.assert(
      fc.property(scenario, ({ problem: { workflow, cluster }, keys, processors }) => {
        const problem = compileProblem(workflow, cluster);
        const m = problem.processorCount;
        const order = randomTopologicalOrder(workflow, keys);
        const processorOf = Int32Array.from(processors, (x) => x % m);
        const schedule = scheduleWithAssignment(problem, order, processorOf);
        const check = checkSchedule(workflow, cluster, toAssignments(problem, schedule));
        expect(check.violations).toEqual([]);

        // replay by brute force: exact numbers, so exact equality
        const placed: NaivePlacement[] = [];
        for (const t of order) {
          const p = processorOf[t]!;
          const duration = documentCost(workflow.tasks[t]!, cluster.processors[p]!);
          const busy = placed.filter((x) => x?.processor === p);
          const start = bruteForceEarliestStart(busy, naiveArrival({ workflow, cluster }, placed, t, p), duration);
          expect(row(schedule, t)).toEqual([p, start, start + duration]);
          placed[t] = { processor: p, start, finish: start + duration };
        }
      }),
      { numRuns: 150 },
    );
  });

  it('scheduleEarliestFinish: any precedence order gives a valid schedule, each task at its earliest finish, ties to the first processor', () => {
    fc.assert(
      fc.property(scenario, ({ problem: { workflow, cluster }, keys }) => {
        const problem = compileProblem(workflow, cluster);
        const order = randomTopologicalOrder(workflow, keys);
        const schedule = scheduleEarliestFinish(problem, order);
        expect(checkSchedule(workflow, cluster, toAssignments(problem, schedule)).violations).toEqual([]);

        const placed: NaivePlacement[] = [];
        for (const t of order) {
          let best: NaivePlacement | undefined;
          for (let p = 0; p < problem.processorCount; p++) {
            const duration = documentCost(workflow.tasks[t]!, cluster.processors[p]!);
            const busy = placed.filter((x) => x?.processor === p);
            const start = bruteForceEarliestStart(busy, naiveArrival({ workflow, cluster }, placed, t, p), duration);
            if (!best || start + duration < best.finish) best = { processor: p, start, finish: start + duration };
          }
          expect(row(schedule, t)).toEqual([best!.processor, best!.start, best!.finish]);
          placed[t] = best!;
        }
      }),
      { numRuns: 150 },
    );
  });

  it('both stay valid (by the checker) with real-valued, rounding-prone inputs', () => {
    fc.assert(
      fc.property(
        randomProblem({ maxTasks: 12, maxProcessors: 6, numbers: 'real' }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        ({ workflow, cluster }, keys, processors) => {
          const problem = compileProblem(workflow, cluster);
          const order = randomTopologicalOrder(workflow, keys);
          const fixed = scheduleWithAssignment(problem, order, Int32Array.from({ length: problem.taskCount }, (_, t) => processors[t]! % problem.processorCount));
          expect(checkSchedule(workflow, cluster, toAssignments(problem, fixed)).violations).toEqual([]);
          const eft = scheduleEarliestFinish(problem, order);
          expect(checkSchedule(workflow, cluster, toAssignments(problem, eft)).violations).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
