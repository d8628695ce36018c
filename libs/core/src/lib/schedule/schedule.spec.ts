import { describe, expect, it } from 'vitest';
import { compileProblem } from '../problem/scheduling-problem.js';
import { emptySchedule, fromAssignments, makespanOf, toAssignments, type Assignment } from './schedule.js';

const problem = compileProblem(
  { tasks: [{ id: 'a', work: 2 }, { id: 'b', work: 1 }, { id: 'c', work: 1 }], edges: [] },
  { processors: [{ id: 'p' }, { id: 'q' }] },
);

describe('schedule helpers', () => {
  it('emptySchedule marks every task unassigned', () => {
    const s = emptySchedule(3);
    expect(Array.from(s.processorOf)).toEqual([-1, -1, -1]);
    expect(s.start).toHaveLength(3);
    expect(s.finish).toHaveLength(3);
  });

  it('makespanOf is the latest finish (0 for no task)', () => {
    expect(makespanOf({ processorOf: Int32Array.of(0, 1), start: Float64Array.of(0, 1), finish: Float64Array.of(7, 3) })).toBe(7);
    expect(makespanOf(emptySchedule(0))).toBe(0);
  });

  it('toAssignments names tasks and processors, ordered by start then input order', () => {
    const schedule = { processorOf: Int32Array.of(1, 0, 0), start: Float64Array.of(1, 0, 1), finish: Float64Array.of(3, 1, 2) };
    expect(toAssignments(problem, schedule)).toEqual([
      { task: 'b', processor: 'p', start: 0, finish: 1 },
      { task: 'a', processor: 'q', start: 1, finish: 3 },
      { task: 'c', processor: 'p', start: 1, finish: 2 },
    ]);
  });

  it('fromAssignments is the inverse of toAssignments', () => {
    const schedule = { processorOf: Int32Array.of(1, 0, 0), start: Float64Array.of(1, 0, 1), finish: Float64Array.of(3, 1, 2) };
    const back = fromAssignments(problem, toAssignments(problem, schedule));
    expect(Array.from(back.processorOf)).toEqual([1, 0, 0]);
    expect(Array.from(back.start)).toEqual([1, 0, 1]);
    expect(Array.from(back.finish)).toEqual([3, 1, 2]);
  });

  it('fromAssignments throws on an unknown task or processor, a duplicate or a missing task', () => {
    const ok: Assignment[] = [
      { task: 'a', processor: 'p', start: 0, finish: 2 },
      { task: 'b', processor: 'p', start: 2, finish: 3 },
      { task: 'c', processor: 'q', start: 0, finish: 1 },
    ];
    expect(() => fromAssignments(problem, [...ok, { task: 'zz', processor: 'p', start: 0, finish: 1 }])).toThrow('assignment for unknown task "zz"');
    expect(() => fromAssignments(problem, [{ ...ok[0]!, processor: 'r' }, ...ok.slice(1)])).toThrow('assignment of task "a" to unknown processor "r"');
    expect(() => fromAssignments(problem, [...ok, ok[1]!])).toThrow('task "b" is assigned twice');
    expect(() => fromAssignments(problem, ok.slice(0, 2))).toThrow('task "c" has no assignment');
  });
});
