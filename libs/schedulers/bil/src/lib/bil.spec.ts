import { checkSchedule, compileProblem, runScheduler, toAssignments, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { bestImaginaryLevels } from './best-imaginary-levels.js';
import { bil } from './bil.js';
import { bilPlugin } from './bil-plugin.js';

const twoProcessors: ClusterSpec = { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 0, bandwidth: 1 } };

const rows = (workflow: WorkflowSpec, cluster: ClusterSpec) => {
  const problem = compileProblem(workflow, cluster);
  const schedule = bil(problem);
  expect(checkSchedule(workflow, cluster, toAssignments(problem, schedule)).violations).toEqual([]);
  return Object.fromEntries(problem.taskIds.map((id, t) => [id, [problem.processorIds[schedule.processorOf[t]!], schedule.start[t], schedule.finish[t]]]));
};

describe('BIL, worked by hand', () => {
  // a -> c (data 4), b -> c (data 1); a transfer takes its data volume.
  const joined: WorkflowSpec = {
    tasks: [
      { id: 'a', costs: { p: 2, q: 3 } },
      { id: 'b', costs: { p: 4, q: 2 } },
      { id: 'c', costs: { p: 3, q: 3 } },
    ],
    edges: [
      { from: 'a', to: 'c', data: 4 },
      { from: 'b', to: 'c', data: 1 },
    ],
  };

  it('computes the best imaginary levels', () => {
    // BIL(c, ·) = 3. BIL(a, p) = 2 + min(BIL(c, p), BIL(c, q) + 4) = 2 + 3 = 5; BIL(a, q) = 3 + min(3, 3 + 4) = 6;
    // BIL(b, p) = 4 + min(3, 3 + 1) = 7; BIL(b, q) = 2 + 3 = 5.
    expect(Array.from(bestImaginaryLevels(compileProblem(joined, twoProcessors)))).toEqual([5, 6, 7, 5, 3, 3]);
  });

  it('selects the task of highest k-th smallest BIM and the processor of lowest BIM*', () => {
    // 1. Ready a, b: k = 2 = m, so a priority is the larger BIM. EST 0: BIM(a) = 5, 6 -> 6; BIM(b) = 7, 5 -> 7.
    //    b goes first; k/m - 1 = 0, so BIM* = BIM: 7 on p, 5 on q: b on q [0, 2).
    // 2. Ready a alone (k = 1): BIM(a, p) = 0 + 5 = 5, BIM(a, q) = 2 + 6 = 8: a on p [0, 2).
    // 3. c: on p data at max(2, 2 + 1) = 3, BIM 3 + 3 = 6; on q at max(2 + 4, 2) = 6, BIM 9: c on p [3, 6).
    expect(rows(joined, twoProcessors)).toEqual({ a: ['p', 0, 2], b: ['q', 0, 2], c: ['p', 3, 6] });
  });

  it('ranks tasks by their k-th smallest BIM while fewer tasks than processors are ready', () => {
    // Three processors, a and b independent (BIL = E), k = 2: a's BIMs 1, 5, 6 (2nd smallest 5), b's 2, 3, 9
    // (2nd smallest 3): a goes first, though b's largest BIM (9) is higher. a on p [0, 1) (lowest BIM, 1).
    // Then b alone: BIM 1 + 2 = 3 on p, 3 on q, 9 on r; p and q tie and no other task is ready: p, listed first.
    const workflow: WorkflowSpec = {
      tasks: [
        { id: 'a', costs: { p: 1, q: 5, r: 6 } },
        { id: 'b', costs: { p: 2, q: 3, r: 9 } },
      ],
      edges: [],
    };
    expect(rows(workflow, { processors: [{ id: 'p' }, { id: 'q' }, { id: 'r' }] })).toEqual({ a: ['p', 0, 1], b: ['p', 1, 3] });
  });

  it('weighs execution time by k/m - 1 when more tasks are ready than processors', () => {
    // Independent tasks, so BIL = E. Listed h, x, y1, y2, y3.
    // 1. k = 5: priorities are the largest BIMs: h 30, x 3, y 1: h; BIM* = BIM + E·(5/2 - 1): p 3 + 4.5, q 30 + 45:
    //    h on p [0, 3).
    // 2. k = 4: x: BIM 3 + 1 = 4 on p, 3 on q -> 4; each y: 4 on p, 1 on q -> 4. Tie: no larger BIM to compare
    //    (k > m), so x, listed first. BIM* = BIM + E·(4/2 - 1): p 4 + 1 = 5, q 3 + 3 = 6: x waits for p, [3, 4),
    //    where plain BIM would have put it on q at 0.
    // 3. k = 3: each y: BIM 5 on p, 1 on q -> y1; BIM* p 5 + 0.5, q 1 + 0.5: y1 on q [0, 1).
    // 4. k = 2: y2 and y3 tie (5 on p), y2; BIM* = BIM: p 5, q 2: y2 on q [1, 2). 5. y3: p 5, q 3: q [2, 3).
    const workflow: WorkflowSpec = {
      tasks: [
        { id: 'h', costs: { p: 3, q: 30 } },
        { id: 'x', costs: { p: 1, q: 3 } },
        { id: 'y1', work: 1 },
        { id: 'y2', work: 1 },
        { id: 'y3', work: 1 },
      ],
      edges: [],
    };
    expect(rows(workflow, twoProcessors)).toEqual({ h: ['p', 0, 3], x: ['p', 3, 4], y1: ['q', 0, 1], y2: ['q', 1, 2], y3: ['q', 2, 3] });
  });
});

describe('the BIL plugin', () => {
  it('runs through the plugin contract with checked output and refuses unknown options', async () => {
    const problem = compileProblem({ tasks: ['a', 'b', 'c', 'd'].map((id) => ({ id, work: 2 })), edges: [] }, twoProcessors);
    const run = await runScheduler(bilPlugin, problem);
    expect(run).toMatchObject({ scheduler: 'bil', makespan: 4 });
    await expect(runScheduler(bilPlugin, problem, { revised: false })).rejects.toThrow(/options\.revised: unknown option/);
  });
});
