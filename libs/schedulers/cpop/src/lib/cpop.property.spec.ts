/**
 * Property tests of CPOP against a naive reference written from the paper (Topcuoglu, Hariri & Wu, IEEE TPDS 13(3),
 * 2002, Fig. 5), not from the implementation: it reads the documents only, computes rank_u and rank_d in exact
 * rationals from their definitions, builds SET_CP with the paper's loop (the entry task of priority |CP|, then a
 * successor of priority |CP|, the lowest index where several qualify), takes p_CP minimising the path's summed cost,
 * and places tasks from a ready list by priority: SET_CP on p_CP, the rest at the earliest finish time, insertion
 * found by trying every candidate start. Integer costs and power-of-two speeds and bandwidths keep every time exact.
 */
import { checkSchedule, compileProblem, computeMetrics, meanCommunicationTime, meanCosts, runScheduler, toAssignments } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, hasNearTie, placementRows, Q, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { cpop, cpopPriorities, criticalPath } from './cpop.js';
import { cpopPlugin } from './cpop-plugin.js';

/** Generous: exact-arithmetic references are slow on a loaded machine. */
const PROPERTY_TIMEOUT = 60_000;

function referenceCpop(problem: DocumentProblem) {
  const model = new DocumentModel(problem);
  const up = model.upwardRanks();
  const down = model.downwardRanks();
  const priority = up.map((u, t) => u.plus(down[t]!));
  const cp = priority.reduce((a, b) => a.max(b));
  const onPath = (t: number) => priority[t]!.cmp(cp) === 0;

  // SET_CP: a successor of priority |CP| whose edge is on a longest path (rank_u(k) = w̄(k) + c̄ + rank_u(s)), lowest
  // index first; the paper's rule, with its ties broken so that SET_CP stays a path when critical paths meet.
  const path: number[] = [];
  let task: number | undefined = Array.from({ length: model.taskCount }, (_, t) => t).find((t) => model.predecessors(t).length === 0 && onPath(t));
  while (task !== undefined) {
    path.push(task);
    const k = task;
    const critical = model
      .successors(k)
      .filter((s) => onPath(s.task) && model.meanCost(k).plus(model.meanTransfer(s.data)).plus(up[s.task]!).cmp(up[k]!) === 0)
      .map((s) => s.task);
    task = critical.length ? Math.min(...critical) : undefined;
  }

  let cpProcessor = 0;
  let cpSum: Q | undefined;
  for (let p = 0; p < model.processorCount; p++) {
    const sum = path.reduce((acc, t) => acc.plus(model.cost(t, p)), Q.zero);
    if (!cpSum || sum.lt(cpSum)) [cpProcessor, cpSum] = [p, sum];
  }

  const placements: Placement[] = new Array(model.taskCount);
  for (const t of model.readyListOrder(priority)) {
    placements[t] = path.includes(t) ? model.placement(placements, t, cpProcessor, true) : model.earliestPlacement(placements, t, true);
  }
  return { priority, path, cpProcessor, placements };
}

describe('CPOP (property)', () => {
  it('equals the naive reference CPOP: same critical path, processor, start and finish for every task', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 6 }), (problem) => {
        const reference = referenceCpop(problem);
        fc.pre(!hasNearTie(reference.priority));
        const compiled = compileProblem(problem.workflow, problem.cluster);
        expect(Array.from(criticalPath(compiled))).toEqual(reference.path);
        expect(scheduleRows(cpop(compiled))).toEqual(placementRows(reference.placements));
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);

  it('the critical path runs from an entry to an exit task, each step an edge, its mean length the largest priority', () => {
    fc.assert(
      fc.property(documentProblems({ exact: false, maxTasks: 14, maxProcessors: 6 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        const priority = cpopPriorities(problem);
        const path = Array.from(criticalPath(problem));
        const mean = meanCosts(problem);
        const first = path[0]!;
        const last = path[path.length - 1]!;
        expect(problem.predOffsets[first + 1]).toBe(problem.predOffsets[first]);
        expect(problem.succOffsets[last + 1]).toBe(problem.succOffsets[last]);
        let length = mean[first]!;
        for (let k = 1; k < path.length; k++) {
          const edge = problem.succTasks.subarray(problem.succOffsets[path[k - 1]!], problem.succOffsets[path[k - 1]! + 1]).indexOf(path[k]!);
          expect(edge).toBeGreaterThanOrEqual(0);
          length += meanCommunicationTime(problem, problem.succData[problem.succOffsets[path[k - 1]!]! + edge]!) + mean[path[k]!]!;
        }
        const largest = Math.max(...priority);
        expect(Math.abs(length - largest)).toBeLessThanOrEqual(1e-9 * Math.max(1, largest));
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);

  it('puts every critical-path task on one processor, and every schedule passes the checker with real numbers too', () => {
    fc.assert(
      fc.property(fc.boolean().chain((exact) => documentProblems({ exact, maxTasks: 14, maxProcessors: 8 })), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        const schedule = cpop(problem);
        expect(new Set(Array.from(criticalPath(problem), (t) => schedule.processorOf[t])).size).toBe(1);
        expect(checkSchedule(workflow, cluster, toAssignments(problem, schedule)).violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);

  it('on one processor it runs everything back to back: makespan = total cost', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 1 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(computeMetrics(problem, cpop(problem)).makespan).toBe(problem.cost.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT);

  it('runs through the plugin contract on random problems without the checker objecting', async () => {
    await fc.assert(
      fc.asyncProperty(documentProblems({ exact: false, maxTasks: 10, maxProcessors: 4 }), async ({ workflow, cluster }) => {
        const run = await runScheduler(cpopPlugin, compileProblem(workflow, cluster));
        expect(run.assignments).toHaveLength(workflow.tasks.length);
      }),
      { numRuns: 50 },
    );
  }, PROPERTY_TIMEOUT);
});

describe('the reference CPOP itself', () => {
  // Guard against a reference that agrees with the implementation by being wrong the same way: the hand-worked
  // example of cpop.spec.ts (derivation there).
  const example: DocumentProblem = {
    workflow: {
      tasks: [
        { id: 'a', costs: { P: 2, Q: 4 } },
        { id: 'b', costs: { P: 6, Q: 2 } },
        { id: 'c', costs: { P: 3, Q: 3 } },
        { id: 'd', costs: { P: 2, Q: 5 } },
        { id: 'e', costs: { P: 1, Q: 2 } },
      ],
      edges: [
        { from: 'a', to: 'b', data: 4 },
        { from: 'a', to: 'c', data: 0 },
        { from: 'b', to: 'd', data: 2 },
        { from: 'c', to: 'd', data: 2 },
      ],
    },
    cluster: { processors: [{ id: 'P' }, { id: 'Q' }], network: { latency: 1, bandwidth: 2 } },
  };

  it('keeps SET_CP a path where two critical paths meet (a successor of priority |CP| through a non-critical edge)', () => {
    // unit tasks on one processor: a -> b -> c -> d and b -> d; a, b, c, d all have priority 4 = |CP|, but from b the
    // edge to d is not critical (1 + 1 + 1 = 3): SET_CP is a, b, c, d, not a, b, d.
    const chain: DocumentProblem = {
      workflow: {
        tasks: ['a', 'b', 'd', 'c'].map((id) => ({ id, work: 1 })),
        edges: [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'c' },
          { from: 'c', to: 'd' },
          { from: 'b', to: 'd' },
        ],
      },
      cluster: { processors: [{ id: 'P' }] },
    };
    const reference = referenceCpop(chain);
    expect(reference.priority.map((x) => x.toNumber())).toEqual([4, 4, 4, 4]);
    expect(reference.path).toEqual([0, 1, 3, 2]);
    expect(Array.from(criticalPath(compileProblem(chain.workflow, chain.cluster)))).toEqual([0, 1, 3, 2]);
  });

  it('reproduces the hand-worked priorities, path and schedule', () => {
    const reference = referenceCpop(example);
    expect(reference.priority.map((x) => x.toNumber())).toEqual([15.5, 15.5, 12.5, 15.5, 1.5]);
    expect(reference.path).toEqual([0, 1, 3]);
    expect(reference.cpProcessor).toBe(0);
    expect(placementRows(reference.placements)).toEqual([
      [0, 0, 2],
      [0, 2, 8],
      [1, 3, 6],
      [0, 8, 10],
      [1, 0, 2],
    ]);
  });
});
