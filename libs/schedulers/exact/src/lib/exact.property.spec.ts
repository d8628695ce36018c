/**
 * Property tests of the exact scheduler against a brute-force enumeration written naively in this spec from the
 * cost model of docs/formats.md, not from the implementation: it reads only the documents (never the compiled
 * typed arrays) and tries every precedence order of the tasks with every processor for each task, each task
 * appended after the last task of its processor at the earliest time all its data have arrived. Every semi-active
 * schedule is one of these, and an optimal schedule is semi-active (README, "The schedule space"), so the least
 * makespan found is the optimum.
 *
 * Arithmetic is exact: costs, data and latencies are small integers and speeds and bandwidths powers of two from
 * 1/2 to 4, so every time is a multiple of 1/4 far below 2^50 and floating point represents every sum exactly
 * (the reference asserts it). The exact scheduler must then equal the brute force exactly.
 */
import {
  checkSchedule,
  compileProblem,
  makespanOf,
  priorityOrder,
  runScheduler,
  scheduleEarliestFinish,
  toAssignments,
  upwardRanks,
  type ClusterSpec,
  type LinkSpec,
  type ProcessorSpec,
  type TaskSpec,
  type WorkflowSpec,
} from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveExact } from './exact.js';
import { exactPlugin } from './exact-plugin.js';

interface Problem {
  workflow: WorkflowSpec;
  cluster: ClusterSpec;
}

// ---------------------------------------------------------------- tiny random problems

const POWERS_OF_TWO = [0.5, 1, 2, 4];

/**
 * At most 6 tasks on up to 3 processors, or 7 on up to 2 (the enumeration grows as n!·mⁿ). Tasks by work (with
 * or without speeds: identical processors arise often, so the symmetry rule is exercised) or by explicit costs;
 * zero costs and zero data included; edges from lower to higher index, tasks listed shuffled.
 */
function tinyProblems(): fc.Arbitrary<Problem> {
  const amount = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.integer({ min: 1, max: 9 }) });
  return fc
    .integer({ min: 1, max: 7 })
    .chain((n) => fc.record({ n: fc.constant(n), m: fc.integer({ min: 1, max: n === 7 ? 2 : 3 }) }))
    .chain(({ n, m }) =>
      fc.record({
        n: fc.constant(n),
        m: fc.constant(m),
        tasks: fc.array(fc.record({ byWork: fc.boolean(), work: amount, costs: fc.array(amount, { minLength: m, maxLength: m }) }), { minLength: n, maxLength: n }),
        edges: fc.array(fc.option(fc.record({ data: fc.option(amount, { freq: 4 }) }), { freq: 2 }), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }),
        listing: fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n, maxLength: n },
        ),
        speeds: fc.option(fc.array(fc.constantFrom(...POWERS_OF_TWO), { minLength: m, maxLength: m }), { freq: 2 }),
        latency: fc.integer({ min: 0, max: 3 }),
        bandwidth: fc.constantFrom(...POWERS_OF_TWO),
        links: fc.array(fc.option(fc.record({ latency: fc.integer({ min: 0, max: 3 }), bandwidth: fc.constantFrom(...POWERS_OF_TWO) }), { freq: 3 }), {
          minLength: (m * (m - 1)) / 2,
          maxLength: (m * (m - 1)) / 2,
        }),
      }),
    )
    .map((g) => {
      const ids = Array.from({ length: g.m }, (_, p) => `p${p}`);
      const tasks: TaskSpec[] = g.listing.map((i) => {
        const spec = g.tasks[i]!;
        return spec.byWork ? { id: `t${i}`, work: spec.work } : { id: `t${i}`, costs: Object.fromEntries(ids.map((id, p) => [id, spec.costs[p]!])) };
      });
      const edges: { from: string; to: string; data?: number }[] = [];
      let k = 0;
      for (let i = 0; i < g.n; i++) {
        for (let j = i + 1; j < g.n; j++, k++) {
          const e = g.edges[k];
          if (e) edges.push({ from: `t${i}`, to: `t${j}`, ...(e.data === null ? {} : { data: e.data }) });
        }
      }
      const links: LinkSpec[] = [];
      k = 0;
      for (let p = 0; p < g.m; p++) {
        for (let q = p + 1; q < g.m; q++, k++) {
          const l = g.links[k];
          if (l) links.push({ between: [ids[p]!, ids[q]!], latency: l.latency, bandwidth: l.bandwidth });
        }
      }
      const processors: ProcessorSpec[] = ids.map((id, p) => (g.speeds ? { id, speed: g.speeds[p]! } : { id }));
      return { workflow: { tasks, edges }, cluster: { processors, network: { latency: g.latency, bandwidth: g.bandwidth, links } } };
    });
}

// ---------------------------------------------------------------- the brute force

/** The least makespan over every precedence order × every assignment, each task appended to its processor. */
function bruteForceOptimum({ workflow, cluster }: Problem): number {
  const tasks = workflow.tasks;
  const processors = cluster.processors;
  const n = tasks.length;
  const m = processors.length;
  const network = cluster.network ?? {};
  const exact = (x: number) => {
    if (!Number.isInteger(4 * x)) throw new Error(`${x} is not a multiple of 1/4: the arithmetic is not exact`);
    return x;
  };
  const cost = (t: number, p: number) => {
    const task = tasks[t]!;
    const explicit = task.costs?.[processors[p]!.id];
    return exact(explicit ?? task.work! / (processors[p]!.speed ?? 1));
  };
  const transfer = (data: number, p: number, q: number) => {
    if (p === q) return 0;
    const link = (network.links ?? []).find((l) => l.between.includes(processors[p]!.id) && l.between.includes(processors[q]!.id));
    return exact((link?.latency ?? network.latency ?? 0) + data / (link?.bandwidth ?? network.bandwidth ?? 1));
  };
  const index = new Map(tasks.map((t, i) => [t.id, i]));
  const inputs = tasks.map((t) => workflow.edges.filter((e) => e.to === t.id).map((e) => ({ from: index.get(e.from)!, data: e.data ?? 0 })));

  const processorOf = new Array<number>(n).fill(-1);
  const finish = new Array<number>(n).fill(0);
  const lastFinish = new Array<number>(m).fill(0);
  let best = Infinity;
  const extend = (placed: number) => {
    if (placed === n) {
      best = Math.min(best, Math.max(0, ...finish));
      return;
    }
    for (let t = 0; t < n; t++) {
      if (processorOf[t] !== -1 || inputs[t]!.some((e) => processorOf[e.from] === -1)) continue;
      for (let p = 0; p < m; p++) {
        const ready = Math.max(0, ...inputs[t]!.map((e) => exact(finish[e.from]! + transfer(e.data, processorOf[e.from]!, p))));
        const before = lastFinish[p]!;
        processorOf[t] = p;
        finish[t] = exact(Math.max(ready, before) + cost(t, p));
        lastFinish[p] = finish[t]!;
        extend(placed + 1);
        lastFinish[p] = before;
        processorOf[t] = -1;
      }
    }
  };
  extend(0);
  return best;
}

const heftMakespan = (problem: ReturnType<typeof compileProblem>) => makespanOf(scheduleEarliestFinish(problem, priorityOrder(problem, upwardRanks(problem))));

// ---------------------------------------------------------------- properties

describe('exact (property)', () => {
  it('finds and proves the brute-force optimum; its schedule is valid and never worse than HEFT', async () => {
    await fc.assert(
      fc.asyncProperty(tinyProblems(), async ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        const optimum = bruteForceOptimum({ workflow, cluster });
        const result = await solveExact(problem, { timeLimitMs: 60_000 });
        expect(checkSchedule(workflow, cluster, toAssignments(problem, result.schedule)).violations).toEqual([]);
        expect(makespanOf(result.schedule)).toBe(result.makespan);
        expect(result.makespan).toBe(optimum);
        expect(result).toMatchObject({ optimal: true, stoppedBy: 'complete', lowerBound: optimum, gap: 0 });
        expect(result.rootLowerBound).toBeLessThanOrEqual(optimum);
        expect(result.makespan).toBeLessThanOrEqual(heftMakespan(problem));
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('cut short after a few nodes: lower bound <= optimum <= makespan, gap consistent, schedule valid', async () => {
    await fc.assert(
      fc.asyncProperty(tinyProblems(), fc.integer({ min: 1, max: 40 }), async ({ workflow, cluster }, nodeLimit) => {
        const problem = compileProblem(workflow, cluster);
        const optimum = bruteForceOptimum({ workflow, cluster });
        const result = await solveExact(problem, { nodeLimit });
        expect(checkSchedule(workflow, cluster, toAssignments(problem, result.schedule)).violations).toEqual([]);
        expect(result.lowerBound).toBeLessThanOrEqual(optimum);
        expect(result.makespan).toBeGreaterThanOrEqual(optimum);
        expect(result.makespan).toBeLessThanOrEqual(heftMakespan(problem));
        expect(result.gap).toBe(result.makespan > 0 ? (result.makespan - result.lowerBound) / result.makespan : 0);
        if (result.optimal) expect(result.makespan).toBe(optimum);
        if (result.stoppedBy === 'nodes') expect(result.nodes).toBeGreaterThanOrEqual(nodeLimit);
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('runs through the plugin contract with the independent checker on every tiny problem', async () => {
    await fc.assert(
      fc.asyncProperty(tinyProblems(), async ({ workflow, cluster }) => {
        const run = await runScheduler(exactPlugin, compileProblem(workflow, cluster), { timeLimitMs: 60_000 });
        expect(run.makespan).toBe(bruteForceOptimum({ workflow, cluster }));
        expect(run.info).toMatchObject({ optimal: true, stoppedBy: 'complete' });
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('the brute force itself', () => {
  it('finds the optimum of a two-task chain by hand', () => {
    // a -> b carrying 4 units over bandwidth 2, latency 1: apart, b waits 1 + 4/2 = 3.
    // a costs 2 on x, 5 on y; b costs 6 on x, 3 on y.
    // Both on x: 2 + 6 = 8. a on x, b on y: 2 + 3 + 3 = 8. Both on y: 5 + 3 = 8. a on y, b on x: 5 + 3 + 6 = 14.
    // Optimum 8.
    const problem: Problem = {
      workflow: { tasks: [{ id: 'a', costs: { x: 2, y: 5 } }, { id: 'b', costs: { x: 6, y: 3 } }], edges: [{ from: 'a', to: 'b', data: 4 }] },
      cluster: { processors: [{ id: 'x' }, { id: 'y' }], network: { latency: 1, bandwidth: 2 } },
    };
    expect(bruteForceOptimum(problem)).toBe(8);
  });

  it('balances independent tasks over identical processors', () => {
    // Work 3, 3, 2, 2, 2 on two processors of speed 1: total 12, so at least 6; {3, 3} and {2, 2, 2} give 6.
    const problem: Problem = {
      workflow: { tasks: [3, 3, 2, 2, 2].map((work, i) => ({ id: `t${i}`, work })), edges: [] },
      cluster: { processors: [{ id: 'x' }, { id: 'y' }] },
    };
    expect(bruteForceOptimum(problem)).toBe(6);
  });
});
