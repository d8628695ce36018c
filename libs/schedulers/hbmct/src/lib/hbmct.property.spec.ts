/**
 * Property tests of HBMCT against a naive reference written from the algorithm (Sakellariou & Zhao, IPDPS 2004, HCW),
 * not from the implementation: it reads the documents only, ranks in exact rationals, cuts the ranked list into
 * groups of independent tasks, and balances each group the plain way: every finish time is re-simulated from scratch
 * (each processor's tasks in EST order, each at max(EST, previous finish)) for every move it considers, with no
 * incremental re-timing and no early exits. Integer costs, power-of-two speeds and bandwidths: all times are exact.
 */
import { checkSchedule, compileProblem, computeMetrics, priorityOrder, runScheduler, toAssignments, upwardRanks } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, hasNearTie, placementRows, Q, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { independentGroups } from './groups.js';
import { hbmct } from './hbmct.js';
import { hbmctPlugin } from './hbmct-plugin.js';

/** Generous: exact-arithmetic references are slow on a loaded machine. */
const PROPERTY_TIMEOUT = 60_000;

function referenceGroups(model: DocumentModel, order: number[]): number[][] {
  const groups: number[][] = [];
  for (const t of order) {
    const current = groups[groups.length - 1];
    if (current && !model.predecessors(t).some((q) => current.includes(q.task))) current.push(t);
    else groups.push([t]);
  }
  return groups;
}

function referenceHbmct(problem: DocumentProblem) {
  const model = new DocumentModel(problem);
  const ranks = model.upwardRanks();
  const groups = referenceGroups(model, model.readyListOrder(ranks));
  const placements: Placement[] = new Array(model.taskCount);
  const free = Array.from({ length: model.processorCount }, () => Q.zero);
  for (const group of groups) {
    const est = new Map(group.map((t) => [t, Array.from({ length: model.processorCount }, (_, p) => model.arrival(placements, t, p).max(free[p]!))]));
    const assigned = new Map(group.map((t) => [t, fastest(model, t)]));
    const simulate = (p: number, tasks: number[]) => {
      const sequence = tasks.filter((t) => assigned.get(t) === p || !assigned.has(t)).sort((a, b) => est.get(a)![p]!.cmp(est.get(b)![p]!) || a - b);
      let previous = free[p]!;
      const times = sequence.map((t) => {
        const start = est.get(t)![p]!.max(previous);
        previous = start.plus(model.cost(t, p));
        return { t, start, finish: previous };
      });
      return { times, finish: previous };
    };
    const finishOf = (p: number) => simulate(p, group).finish;
    const estSum = (t: number) => est.get(t)!.reduce((a, b) => a.plus(b));
    for (;;) {
      let last = 0;
      for (let p = 1; p < model.processorCount; p++) if (finishOf(p).cmp(finishOf(last)) > 0) last = p;
      const bound = finishOf(last);
      const candidates = group.filter((t) => assigned.get(t) === last).sort((a, b) => estSum(a).cmp(estSum(b)) || a - b);
      let moved = false;
      for (const t of candidates) {
        assigned.delete(t);
        const without = simulate(last, group.filter((x) => x !== t)).finish;
        let target = -1;
        let targetFinish = bound;
        for (let p = 0; p < model.processorCount; p++) {
          if (p === last) continue;
          const finish = simulate(p, group).finish; // t unassigned: counted on p by `simulate`
          if (finish.lt(targetFinish)) [target, targetFinish] = [p, finish];
        }
        if (without.lt(bound) && target >= 0) {
          assigned.set(t, target);
          moved = true;
          break;
        }
        assigned.set(t, last);
      }
      if (!moved) break;
    }
    for (let p = 0; p < model.processorCount; p++) {
      const { times, finish } = simulate(p, group);
      for (const x of times) placements[x.t] = { processor: p, start: x.start, finish: x.finish };
      free[p] = finish;
    }
  }
  return { ranks, groups, placements };
}

function fastest(model: DocumentModel, t: number): number {
  let best = 0;
  for (let p = 1; p < model.processorCount; p++) if (model.cost(t, p).lt(model.cost(t, best))) best = p;
  return best;
}

describe('HBMCT (property)', () => {
  it('equals the naive reference HBMCT: same groups, processors and times', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 5 }), (problem) => {
        const reference = referenceHbmct(problem);
        fc.pre(!hasNearTie(reference.ranks));
        const compiled = compileProblem(problem.workflow, problem.cluster);
        const order = priorityOrder(compiled, upwardRanks(compiled));
        const offsets = independentGroups(compiled, order);
        const groups = Array.from({ length: offsets.length - 1 }, (_, g) => Array.from(order.subarray(offsets[g], offsets[g + 1])));
        expect(groups).toEqual(reference.groups);
        expect(scheduleRows(hbmct(compiled))).toEqual(placementRows(reference.placements));
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);

  it('every predecessor lies in an earlier group, and each group but the first opens on a task depending on the group before', () => {
    fc.assert(
      fc.property(documentProblems({ exact: false, maxTasks: 16, maxProcessors: 4 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        const order = priorityOrder(problem, upwardRanks(problem));
        const offsets = independentGroups(problem, order);
        const groupOf = new Int32Array(problem.taskCount);
        for (let g = 0; g + 1 < offsets.length; g++) for (let k = offsets[g]!; k < offsets[g + 1]!; k++) groupOf[order[k]!] = g;
        for (let t = 0; t < problem.taskCount; t++) {
          for (let i = problem.predOffsets[t]!; i < problem.predOffsets[t + 1]!; i++) expect(groupOf[problem.predTasks[i]!]).toBeLessThan(groupOf[t]!);
        }
        // maximal: the first task of every group but the first depends on the group before it
        for (let g = 1; g + 1 < offsets.length; g++) {
          const first = order[offsets[g]!]!;
          const parents = Array.from(problem.predTasks.subarray(problem.predOffsets[first], problem.predOffsets[first + 1]));
          expect(parents.some((q) => groupOf[q] === g - 1)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  }, PROPERTY_TIMEOUT);

  it('every schedule passes the checker with real numbers too, and a later group never starts before an earlier one ends on a processor', () => {
    fc.assert(
      fc.property(fc.boolean().chain((exact) => documentProblems({ exact, maxTasks: 14, maxProcessors: 8 })), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        const schedule = hbmct(problem);
        expect(checkSchedule(workflow, cluster, toAssignments(problem, schedule)).violations).toEqual([]);
        const order = priorityOrder(problem, upwardRanks(problem));
        const offsets = independentGroups(problem, order);
        for (let g = 1; g + 1 < offsets.length; g++) {
          for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
            const t = order[k]!;
            for (let j = 0; j < offsets[g]!; j++) {
              const earlier = order[j]!;
              if (schedule.processorOf[earlier] === schedule.processorOf[t]) expect(schedule.finish[earlier]).toBeLessThanOrEqual(schedule.start[t]!);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);

  it('on one processor it runs everything back to back: makespan = total cost', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 1 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(computeMetrics(problem, hbmct(problem)).makespan).toBe(problem.cost.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT);

  it('runs through the plugin contract on random problems without the checker objecting', async () => {
    await fc.assert(
      fc.asyncProperty(documentProblems({ exact: false, maxTasks: 10, maxProcessors: 4 }), async ({ workflow, cluster }) => {
        const run = await runScheduler(hbmctPlugin, compileProblem(workflow, cluster));
        expect(run.assignments).toHaveLength(workflow.tasks.length);
      }),
      { numRuns: 50 },
    );
  }, PROPERTY_TIMEOUT);
});

describe('the reference HBMCT itself', () => {
  it('reproduces the hand-worked example of hbmct.spec.ts', () => {
    // derivation there: groups {a}, {b, d, c}; b moves to Q; a P [0, 2), b Q [2, 8), c P [2, 4), d P [4, 8)
    const example: DocumentProblem = {
      workflow: {
        tasks: [
          { id: 'a', costs: { P: 2, Q: 4 } },
          { id: 'b', costs: { P: 3, Q: 6 } },
          { id: 'c', costs: { P: 2, Q: 4 } },
          { id: 'd', costs: { P: 4, Q: 5 } },
        ],
        edges: [
          { from: 'a', to: 'b', data: 0 },
          { from: 'a', to: 'c', data: 2 },
          { from: 'a', to: 'd', data: 0 },
        ],
      },
      cluster: { processors: [{ id: 'P' }, { id: 'Q' }] },
    };
    const reference = referenceHbmct(example);
    expect(reference.groups).toEqual([[0], [1, 3, 2]]);
    expect(placementRows(reference.placements)).toEqual([
      [0, 0, 2],
      [1, 2, 8],
      [0, 2, 4],
      [0, 4, 8],
    ]);
  });
});
