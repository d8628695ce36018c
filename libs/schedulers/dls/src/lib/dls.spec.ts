import { checkSchedule, compileProblem, runScheduler, toAssignments, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { dls } from './dls.js';
import { dlsPlugin } from './dls-plugin.js';
import { medianCosts } from './median-costs.js';

const twoProcessors: ClusterSpec = { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 0, bandwidth: 1 } };

const rows = (workflow: WorkflowSpec, cluster: ClusterSpec) => {
  const problem = compileProblem(workflow, cluster);
  const schedule = dls(problem);
  expect(checkSchedule(workflow, cluster, toAssignments(problem, schedule)).violations).toEqual([]);
  return Object.fromEntries(problem.taskIds.map((id, t) => [id, [problem.processorIds[schedule.processorOf[t]!], schedule.start[t], schedule.finish[t]]]));
};

describe('DLS, worked by hand', () => {
  it('places the ready pair of highest dynamic level SL − max(DA, TF) + Δ at each step', () => {
    // a -> c (data 2), b -> c (data 1); a transfer takes its data volume.
    // Medians of two costs are their mean: E*(a) = 3, E*(b) = 2, E*(c) = 2. SL(c) = 2, SL(a) = 3 + 2 = 5,
    // SL(b) = 2 + 2 = 4. Δ = E* − E: a 1 on p, −1 on q; b −1 on p, 1 on q; c 0 on both.
    // 1. DL(a, p) = 5 − 0 + 1 = 6, DL(a, q) = 4, DL(b, p) = 4 − 0 − 1 = 3, DL(b, q) = 5: a on p [0, 2).
    // 2. DL(b, p) = 4 − 2 − 1 = 1, DL(b, q) = 4 − 0 + 1 = 5: b on q [0, 1).
    // 3. c on p: data at max(2, 1 + 1) = 2, TF 2, DL = 2 − 2 + 0 = 0; on q: data at max(2 + 2, 1) = 4, DL = −2:
    //    c on p [2, 4).
    const workflow: WorkflowSpec = {
      tasks: [
        { id: 'a', costs: { p: 2, q: 4 } },
        { id: 'b', costs: { p: 3, q: 1 } },
        { id: 'c', costs: { p: 2, q: 2 } },
      ],
      edges: [
        { from: 'a', to: 'c', data: 2 },
        { from: 'b', to: 'c', data: 1 },
      ],
    };
    expect(rows(workflow, twoProcessors)).toEqual({ a: ['p', 0, 2], b: ['q', 0, 1], c: ['p', 2, 4] });
  });

  it('waits for a processor where the task runs faster when Δ outweighs the delay', () => {
    // g and f independent. E*(g) = (10 + 3) / 2 = 6.5 = SL(g); E*(f) = 4 = SL(f).
    // Δ(g) = −3.5 on p, 3.5 on q; Δ(f) = −2 on p, 2 on q.
    // 1. DL(g, p) = 3, DL(g, q) = 10, DL(f, p) = 2, DL(f, q) = 6: g on q [0, 3).
    // 2. DL(f, p) = 4 − 0 − 2 = 2, DL(f, q) = 4 − 3 + 2 = 3: f waits for q, [3, 5), though p is idle from 0.
    const workflow: WorkflowSpec = {
      tasks: [
        { id: 'g', costs: { p: 10, q: 3 } },
        { id: 'f', costs: { p: 6, q: 2 } },
      ],
      edges: [],
    };
    expect(rows(workflow, twoProcessors)).toEqual({ g: ['q', 0, 3], f: ['q', 3, 5] });
  });

  it('breaks a tie in dynamic level by input order, then towards the processor listed first', () => {
    // x and y alike (1 anywhere), independent: every pair has DL 1 − 0 + 0 = 1 at first: x (listed first) on p.
    // Then DL(y, p) = 1 − 1 = 0, DL(y, q) = 1: y on q.
    const workflow: WorkflowSpec = { tasks: [{ id: 'x', work: 1 }, { id: 'y', work: 1 }], edges: [] };
    expect(rows(workflow, twoProcessors)).toEqual({ x: ['p', 0, 1], y: ['q', 0, 1] });
  });
});

describe('medianCosts', () => {
  it('takes the middle cost, or the mean of the two middle ones for an even count', () => {
    const cluster = (m: number): ClusterSpec => ({ processors: Array.from({ length: m }, (_, p) => ({ id: `p${p}` })) });
    const costs = { p0: 9, p1: 1, p2: 4, p3: 2 };
    expect(Array.from(medianCosts(compileProblem({ tasks: [{ id: 't', costs }], edges: [] }, cluster(4))))).toEqual([3]); // 1 2 | 4 9
    expect(Array.from(medianCosts(compileProblem({ tasks: [{ id: 't', costs }], edges: [] }, cluster(3))))).toEqual([4]); // 1 4 9
    expect(Array.from(medianCosts(compileProblem({ tasks: [{ id: 't', costs }], edges: [] }, cluster(1))))).toEqual([9]);
  });
});

describe('the DLS plugin', () => {
  it('runs through the plugin contract with checked output and refuses unknown options', async () => {
    const problem = compileProblem({ tasks: ['a', 'b', 'c', 'd'].map((id) => ({ id, work: 2 })), edges: [] }, twoProcessors);
    const run = await runScheduler(dlsPlugin, problem);
    expect(run).toMatchObject({ scheduler: 'dls', makespan: 4 });
    await expect(runScheduler(dlsPlugin, problem, { median: false })).rejects.toThrow(/options\.median: unknown option/);
  });
});
