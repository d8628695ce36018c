import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomProblem, randomTopologicalOrder } from '../../../test/support/random-problem.js';
import type { WorkflowSpec } from '../model/workflow.js';
import { compileProblem } from '../problem/scheduling-problem.js';
import { scheduleEarliestFinish, scheduleWithAssignment } from '../schedule/list-scheduler.js';
import { bestSequentialTime, computeMetrics, criticalPathMinimum, sequentialTimes } from './metrics.js';

const schedule = (processorOf: number[], start: number[], finish: number[]) => ({
  processorOf: Int32Array.from(processorOf),
  start: Float64Array.from(start),
  finish: Float64Array.from(finish),
});

describe('metrics on a small hand-computed case', () => {
  // a -> b, a -> c; costs on p / q: a 2 / 4, b 6 / 3 (work 6, q twice as fast), c 1 / 1. Free transfers.
  const workflow: WorkflowSpec = {
    tasks: [{ id: 'a', costs: { p: 2, q: 4 } }, { id: 'b', work: 6 }, { id: 'c', costs: { p: 1, q: 1 } }],
    edges: [{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }],
  };
  const problem = compileProblem(workflow, { processors: [{ id: 'p' }, { id: 'q', speed: 2 }] });

  it('CP_MIN takes every task at its cheapest, without communication', () => {
    expect(criticalPathMinimum(problem)).toBe(2 + 3); // a (2 on p) then b (3 on q)
  });

  it('the best sequential time is the cheapest processor for the whole workflow', () => {
    expect(Array.from(sequentialTimes(problem))).toEqual([9, 8]);
    expect(bestSequentialTime(problem)).toBe(8); // p: 2 + 6 + 1 = 9, q: 4 + 3 + 1 = 8
  });

  it('a parallel schedule: a, c on p, b on q', () => {
    const m = computeMetrics(problem, schedule([0, 1, 0], [0, 2, 2], [2, 5, 3]));
    expect(m.makespan).toBe(5);
    expect(m.slr).toBe(1);
    expect(m.speedup).toBe(8 / 5);
    expect(m.efficiency).toBe(8 / 5 / 2);
    expect(m.averageTurnaround).toBe((2 + 5 + 3) / 3);
    expect(m.utilisation).toEqual({ p: 3 / 5, q: 3 / 5 });
  });

  it('a sequential schedule on the slower processor', () => {
    const m = computeMetrics(problem, schedule([0, 0, 0], [0, 2, 8], [2, 8, 9]));
    expect(m.makespan).toBe(9);
    expect(m.slr).toBe(9 / 5);
    expect(m.speedup).toBe(8 / 9);
    expect(m.efficiency).toBe(4 / 9);
    expect(m.averageTurnaround).toBe(19 / 3);
    expect(m.utilisation).toEqual({ p: 1, q: 0 });
  });

  it('keys utilisation by processor id, ids named like Object.prototype members included', () => {
    const odd = compileProblem({ tasks: [{ id: 'x', work: 2 }, { id: 'y', work: 3 }], edges: [] }, {
      processors: [{ id: '__proto__' }, { id: 'constructor' }],
    });
    // x (2) on __proto__, y (3) on constructor: makespan 3, busy 2 and 3.
    const m = computeMetrics(odd, schedule([0, 1], [0, 0], [2, 3]));
    expect(Object.keys(m.utilisation)).toEqual(['__proto__', 'constructor']);
    expect(Object.hasOwn(m.utilisation, '__proto__') && m.utilisation['__proto__']).toBe(2 / 3);
    expect(Object.getPrototypeOf(m.utilisation)).toBe(Object.prototype);
  });

  it('speedup can exceed the processor count when costs are heterogeneous (so it is no bound to test)', () => {
    const crossed = compileProblem({ tasks: [{ id: 'x', costs: { p: 1, q: 100 } }, { id: 'y', costs: { p: 100, q: 1 } }], edges: [] }, {
      processors: [{ id: 'p' }, { id: 'q' }],
    });
    const m = computeMetrics(crossed, schedule([0, 1], [0, 0], [1, 1]));
    expect(m.speedup).toBe(101);
    expect(m.efficiency).toBe(50.5);
  });

  it('a workflow of zero-cost tasks: ratios of nothing to nothing are 1, utilisation 0', () => {
    const empty = compileProblem({ tasks: [{ id: 'x', work: 0 }, { id: 'y', work: 0 }], edges: [] }, { processors: [{ id: 'p' }, { id: 'q' }] });
    const m = computeMetrics(empty, schedule([0, 1], [0, 0], [0, 0]));
    expect(m).toEqual({ makespan: 0, slr: 1, speedup: 1, efficiency: 0.5, averageTurnaround: 0, utilisation: { p: 0, q: 0 } });
  });

  it('zero-cost tasks kept apart by a transfer: SLR is infinite, speedup 0', () => {
    const apart = compileProblem({ tasks: [{ id: 'x', work: 0 }, { id: 'y', work: 0 }], edges: [{ from: 'x', to: 'y', data: 1 }] }, {
      processors: [{ id: 'p' }, { id: 'q' }],
      network: { latency: 4 },
    });
    const m = computeMetrics(apart, schedule([0, 1], [0, 5], [0, 5]));
    expect(m.slr).toBe(Number.POSITIVE_INFINITY);
    expect(m.speedup).toBe(0);
    expect(m.efficiency).toBe(0);
  });
});

describe('metrics (property): bounds that hold for every valid schedule', () => {
  const scenario = randomProblem({ maxTasks: 10, maxProcessors: 6 }).chain((problem) =>
    fc.record({
      problem: fc.constant(problem),
      keys: fc.array(fc.nat(), { minLength: 1, maxLength: 10 }),
      processors: fc.array(fc.nat(), { minLength: 10, maxLength: 10 }),
      earliestFinish: fc.boolean(),
    }),
  );

  it('makespan >= CP_MIN and >= total minimum work / m; utilisation in [0, 1] sums to the busy time; turnaround <= makespan', () => {
    fc.assert(
      fc.property(scenario, ({ problem: { workflow, cluster }, keys, processors, earliestFinish }) => {
        const problem = compileProblem(workflow, cluster);
        const { taskCount: n, processorCount: m, cost } = problem;
        const order = randomTopologicalOrder(workflow, keys);
        const s = earliestFinish
          ? scheduleEarliestFinish(problem, order)
          : scheduleWithAssignment(problem, order, Int32Array.from({ length: n }, (_, t) => processors[t]! % m));
        const metrics = computeMetrics(problem, s);
        const eps = 1e-9 * Math.max(1, metrics.makespan);

        const cpMin = criticalPathMinimum(problem);
        expect(metrics.makespan).toBeGreaterThanOrEqual(cpMin - eps);
        if (cpMin > 0) expect(metrics.slr).toBeGreaterThanOrEqual(1 - 1e-9);
        let minimumWork = 0;
        let busy = 0;
        for (let t = 0; t < n; t++) {
          minimumWork += Math.min(...cost.subarray(t * m, t * m + m));
          busy += s.finish[t]! - s.start[t]!;
        }
        expect(metrics.makespan).toBeGreaterThanOrEqual(minimumWork / m - eps);

        const utilisation = Object.values(metrics.utilisation);
        expect(utilisation).toHaveLength(m);
        for (const u of utilisation) {
          expect(u).toBeGreaterThanOrEqual(0);
          expect(u).toBeLessThanOrEqual(1 + 1e-9);
        }
        if (metrics.makespan > 0) expect(utilisation.reduce((a, b) => a + b, 0) * metrics.makespan).toBeCloseTo(busy, 6);
        expect(metrics.averageTurnaround).toBeLessThanOrEqual(metrics.makespan + eps);
        expect(metrics.efficiency).toBeCloseTo(metrics.speedup / m, 12);
        if (bestSequentialTime(problem) > 0) expect(metrics.efficiency).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it('with work / speed costs only (uniform machines), speedup <= m does hold', () => {
    // busy time >= Σ work / max speed = best sequential time, and makespan >= busy time / m
    const workOnly = randomProblem({ maxTasks: 10, maxProcessors: 6 }).map(({ workflow, cluster }) => ({
      cluster,
      workflow: { ...workflow, tasks: workflow.tasks.map((t) => ({ id: t.id, work: t.work ?? Object.values(t.costs ?? {})[0] ?? 1 })) },
    }));
    fc.assert(
      fc.property(workOnly, fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), ({ workflow, cluster }, keys) => {
        const problem = compileProblem(workflow, cluster);
        const metrics = computeMetrics(problem, scheduleEarliestFinish(problem, randomTopologicalOrder(workflow, keys)));
        expect(metrics.speedup).toBeLessThanOrEqual(problem.processorCount * (1 + 1e-9));
        expect(metrics.efficiency).toBeLessThanOrEqual(1 + 1e-9);
      }),
      { numRuns: 150 },
    );
  });
});
