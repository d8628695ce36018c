import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentCost, documentTransfer, randomProblem, randomTopologicalOrder } from '../../../test/support/random-problem.js';
import type { ClusterSpec } from '../model/cluster.js';
import type { WorkflowSpec } from '../model/workflow.js';
import { compileProblem } from '../problem/scheduling-problem.js';
import { scheduleWithAssignment } from '../schedule/list-scheduler.js';
import { toAssignments, type Assignment } from '../schedule/schedule.js';
import { checkSchedule, type ViolationKind } from './check-schedule.js';

// a -> b (data 6), a -> c (data 2); d independent. Link p-q: latency 1, bandwidth 2 (transfer of 6: 4, of 2: 2).
const workflow: WorkflowSpec = {
  tasks: [
    { id: 'a', costs: { p: 2, q: 3, r: 1 } },
    { id: 'b', work: 4 },
    { id: 'c', work: 2, costs: { q: 1 } },
    { id: 'd', work: 3 },
  ],
  edges: [
    { from: 'a', to: 'b', data: 6 },
    { from: 'a', to: 'c', data: 2 },
  ],
};
const cluster: ClusterSpec = {
  processors: [{ id: 'p' }, { id: 'q', speed: 2 }, { id: 'r' }],
  network: { latency: 10, bandwidth: 1, links: [{ between: ['q', 'p'], latency: 1, bandwidth: 2 }] },
};

/** Worked out by hand from the cost model. */
const valid = (): Assignment[] => [
  { task: 'a', processor: 'p', start: 0, finish: 2 },
  { task: 'b', processor: 'q', start: 2 + 1 + 6 / 2, finish: 6 + 4 / 2 }, // across the link: arrives at 6; work 4 / speed 2
  { task: 'c', processor: 'p', start: 2, finish: 4 }, // same processor: no transfer; work 2 / speed 1
  { task: 'd', processor: 'q', start: 0, finish: 1.5 }, // before b on q
];

const kinds = (assignments: Assignment[], c: ClusterSpec = cluster, w: WorkflowSpec = workflow): ViolationKind[] =>
  checkSchedule(w, c, assignments).violations.map((v) => v.kind);
const edit = (assignments: Assignment[], task: string, change: Partial<Assignment>) => assignments.map((a) => (a.task === task ? { ...a, ...change } : a));

describe('checkSchedule', () => {
  it('accepts a valid schedule, in any order of assignments', () => {
    expect(checkSchedule(workflow, cluster, valid())).toEqual({ valid: true, violations: [] });
    expect(checkSchedule(workflow, cluster, valid().reverse()).valid).toBe(true);
  });

  it('uses the network default on a pair without a link', () => {
    // c on r: data 2 from p over the default (latency 10, bandwidth 1) arrives at 2 + 12 = 14
    const onR = edit(valid(), 'c', { processor: 'r', start: 14, finish: 16 });
    expect(kinds(onR)).toEqual([]);
    expect(kinds(edit(onR, 'c', { start: 13.5, finish: 15.5 }))).toEqual(['precedence']);
  });

  it('detects a wrong duration', () => {
    const result = checkSchedule(workflow, cluster, edit(valid(), 'd', { finish: 3 }));
    expect(result.valid).toBe(false);
    expect(result.violations).toEqual([
      { kind: 'wrong-duration', task: 'd', processor: 'q', message: 'task "d" runs 3 on "q" but costs 1.5 there' },
    ]);
    // c runs 1 on p, where it costs work 2 / speed 1
    expect(kinds(edit(valid(), 'c', { finish: 3 }))).toEqual(['wrong-duration']);
  });

  it('detects a precedence violation on one processor', () => {
    const result = checkSchedule(workflow, cluster, edit(valid(), 'c', { start: 1, finish: 3 }));
    expect(result.violations).toHaveLength(2); // starts before a ends, and overlaps a on p
    expect(result.violations.map((v) => v.kind).sort()).toEqual(['overlap', 'precedence']);
    expect(result.violations.find((v) => v.kind === 'precedence')).toMatchObject({ task: 'c', message: 'task "c" starts at 1 but the data of "a" arrive at 2' });
  });

  it('detects a communication violation: after the parent ends but before its data arrive', () => {
    expect(kinds(edit(valid(), 'b', { start: 5, finish: 7 }))).toEqual(['precedence']);
    expect(kinds(edit(valid(), 'b', { start: 2, finish: 4 }))).toEqual(['precedence']);
  });

  it('detects an overlap on a processor, also when a third task lies between', () => {
    expect(kinds(edit(valid(), 'd', { start: 5, finish: 6.5 }))).toEqual(['overlap']);
    const result = checkSchedule(workflow, cluster, edit(valid(), 'd', { start: 7, finish: 8.5 }));
    expect(result.violations).toEqual([
      { kind: 'overlap', task: 'd', processor: 'q', message: 'tasks "b" [6, 8] and "d" [7, 8.5] overlap on "q"' },
    ]);
    // a long task covering two others on the same processor
    const long: WorkflowSpec = { tasks: [{ id: 'x', work: 10 }, { id: 'y', work: 1 }, { id: 'z', work: 1 }], edges: [] };
    const one: ClusterSpec = { processors: [{ id: 'p' }] };
    const assignments = [
      { task: 'x', processor: 'p', start: 0, finish: 10 },
      { task: 'y', processor: 'p', start: 2, finish: 3 },
      { task: 'z', processor: 'p', start: 5, finish: 6 },
    ];
    expect(kinds(assignments, one, long)).toEqual(['overlap', 'overlap']);
  });

  it('does not call tasks that only touch an overlap, nor zero-length tasks at a boundary', () => {
    const touching = edit(valid(), 'd', { start: 8, finish: 9.5 }); // right after b on q
    expect(kinds(touching)).toEqual([]);
    const zero: WorkflowSpec = { tasks: [{ id: 'x', work: 0 }, { id: 'y', work: 0 }, { id: 'z', work: 2 }], edges: [] };
    const one: ClusterSpec = { processors: [{ id: 'p' }] };
    expect(
      kinds(
        [
          { task: 'x', processor: 'p', start: 2, finish: 2 },
          { task: 'y', processor: 'p', start: 2, finish: 2 },
          { task: 'z', processor: 'p', start: 0, finish: 2 },
        ],
        one,
        zero,
      ),
    ).toEqual([]);
  });

  it('detects a missing, a duplicate and an unknown task', () => {
    expect(checkSchedule(workflow, cluster, valid().slice(0, 3)).violations).toEqual([{ kind: 'missing-task', task: 'd', message: 'task "d" is not scheduled' }]);
    const twice = [...valid(), { task: 'd', processor: 'r', start: 0, finish: 3 }];
    expect(checkSchedule(workflow, cluster, twice).violations).toEqual([
      { kind: 'duplicate-task', task: 'd', message: 'task "d" is scheduled more than once' },
    ]);
    const stranger = [...valid(), { task: 'e', processor: 'p', start: 0, finish: 1 }];
    expect(checkSchedule(workflow, cluster, stranger).violations).toEqual([
      { kind: 'unknown-task', task: 'e', message: 'assignment for unknown task "e"' },
    ]);
  });

  it('detects an unknown processor, and does not also report the task missing', () => {
    const result = checkSchedule(workflow, cluster, edit(valid(), 'd', { processor: 'gpu' }));
    expect(result.violations).toEqual([
      { kind: 'unknown-processor', task: 'd', processor: 'gpu', message: 'task "d" is on unknown processor "gpu"' },
    ]);
  });

  it.each([
    ['NaN start', { start: Number.NaN }],
    ['NaN finish', { finish: Number.NaN }],
    ['infinite finish', { finish: Number.POSITIVE_INFINITY }],
    ['negative start', { start: -1, finish: 0.5 }],
    ['a string for a time', { start: '0' as unknown as number }],
  ])('detects an invalid time (%s)', (_, change) => {
    expect(kinds(edit(valid(), 'd', change))).toEqual(['invalid-time']);
  });

  it('does not report overlaps that only an unordered sort around a NaN time would invent', () => {
    // x, y, z on one processor, none overlapping; y's times are NaN. Sorting with a NaN comparison result may leave
    // z before x, and a sweep over that order would see z "overlapping" x.
    const w: WorkflowSpec = { tasks: [{ id: 'z', work: 1 }, { id: 'y', work: 1 }, { id: 'x', work: 1 }], edges: [] };
    const one: ClusterSpec = { processors: [{ id: 'p' }] };
    const assignments = [
      { task: 'z', processor: 'p', start: 20, finish: 21 },
      { task: 'y', processor: 'p', start: Number.NaN, finish: Number.NaN },
      { task: 'x', processor: 'p', start: 0, finish: 1 },
    ];
    expect(kinds(assignments, one, w)).toEqual(['invalid-time']);
  });

  it('tolerates floating-point rounding relative to the makespan, and no more', () => {
    const noisy = edit(edit(valid(), 'b', { start: 6 - 1e-12, finish: 8 - 1e-12 }), 'd', { finish: 1.5 + 1e-12 });
    expect(kinds(noisy)).toEqual([]);
    expect(kinds(edit(valid(), 'b', { start: 6 - 1e-6, finish: 8 - 1e-6 }))).toEqual(['precedence']);
    // the tolerance scales with the makespan: 1e-9 relative of 1e6 is 1e-3
    const big: WorkflowSpec = { tasks: [{ id: 'u', work: 1e6 }, { id: 'v', work: 1 }], edges: [{ from: 'u', to: 'v' }] };
    const one: ClusterSpec = { processors: [{ id: 'p' }] };
    const late = (start: number) => [
      { task: 'u', processor: 'p', start: 0, finish: 1e6 },
      { task: 'v', processor: 'p', start, finish: start + 1 },
    ];
    expect(kinds(late(1e6 - 1e-4), one, big)).toEqual([]);
    expect(kinds(late(1e6 - 1e-2), one, big)).toEqual(['precedence', 'overlap']);
    expect(checkSchedule(big, one, late(1e6 - 1e-4), { relativeTolerance: 1e-12 }).valid).toBe(false);
  });

  it('stops collecting at maxViolations', () => {
    const bad = valid().map((a) => ({ ...a, finish: a.finish + 100 }));
    expect(checkSchedule(workflow, cluster, bad).violations.length).toBeGreaterThan(2);
    expect(checkSchedule(workflow, cluster, bad, { maxViolations: 2 }).violations).toHaveLength(2);
    expect(checkSchedule(workflow, cluster, bad, { maxViolations: 2 }).valid).toBe(false);
  });

  it('reads costs of processors named like Object.prototype members from the document only', () => {
    const w: WorkflowSpec = { tasks: [{ id: 'a', work: 4, costs: { other: 1 } }], edges: [] };
    const c: ClusterSpec = { processors: [{ id: 'constructor', speed: 2 }, { id: 'other' }] };
    expect(kinds([{ task: 'a', processor: 'constructor', start: 0, finish: 2 }], c, w)).toEqual([]);
    expect(kinds([{ task: 'a', processor: 'constructor', start: 0, finish: 9 }], c, w)).toEqual(['wrong-duration']);
  });
});

/** A naive feasibility test, pair by pair, from the documents; exact numbers only. */
function naiveValid(w: WorkflowSpec, c: ClusterSpec, assignments: Assignment[]): boolean {
  const by = new Map(assignments.map((a) => [a.task, a]));
  const proc = new Map(c.processors.map((p) => [p.id, p]));
  for (const a of assignments) {
    if (a.start < 0 || a.finish - a.start !== documentCost(w.tasks.find((t) => t.id === a.task)!, proc.get(a.processor)!)) return false;
  }
  for (const e of w.edges) {
    const from = by.get(e.from)!;
    const to = by.get(e.to)!;
    if (to.start < from.finish + documentTransfer(c, e.data ?? 0, from.processor, to.processor)) return false;
  }
  for (const a of assignments) {
    for (const b of assignments) {
      if (a !== b && a.processor === b.processor && a.finish > a.start && b.finish > b.start && a.start < b.finish && b.start < a.finish) return false;
    }
  }
  return true;
}

describe('checkSchedule (property)', () => {
  it('agrees with a naive pairwise check after moving one task of a valid schedule', () => {
    const scenario = randomProblem({ maxTasks: 8, maxProcessors: 4, numbers: 'exact' }).chain((problem) =>
      fc.record({
        problem: fc.constant(problem),
        keys: fc.array(fc.nat(), { minLength: 1, maxLength: 10 }),
        processors: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
        victim: fc.nat(),
        shift: fc.integer({ min: -6, max: 6 }),
        stretch: fc.constantFrom(0, 0, 0, 1, -1),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ problem: { workflow: w, cluster: c }, keys, processors, victim, shift, stretch }) => {
        const problem = compileProblem(w, c);
        const order = randomTopologicalOrder(w, keys);
        const schedule = scheduleWithAssignment(problem, order, Int32Array.from({ length: problem.taskCount }, (_, t) => processors[t]! % problem.processorCount));
        const assignments = toAssignments(problem, schedule);
        expect(checkSchedule(w, c, assignments).valid).toBe(true);
        const k = victim % assignments.length;
        const moved = assignments.map((a, i) => (i === k ? { ...a, start: a.start + shift, finish: a.finish + shift + stretch } : a));
        expect(checkSchedule(w, c, moved).valid).toBe(naiveValid(w, c, moved));
      }),
      { numRuns: 200 },
    );
  });
});
