import { checkSchedule, compileProblem, runScheduler, toAssignments, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { etf } from './etf.js';
import { etfPlugin } from './etf-plugin.js';

const rows = (workflow: WorkflowSpec, cluster: ClusterSpec) => {
  const problem = compileProblem(workflow, cluster);
  const schedule = etf(problem);
  expect(checkSchedule(workflow, cluster, toAssignments(problem, schedule)).violations).toEqual([]);
  return Object.fromEntries(problem.taskIds.map((id, t) => [id, [problem.processorIds[schedule.processorOf[t]!], schedule.start[t], schedule.finish[t]]]));
};

describe('ETF, worked by hand', () => {
  it('places the ready pair of earliest start at each step', () => {
    // a -> c (data 3), a -> d (data 1), b -> d (data 2); transfers between p and q take 1 + data.
    // Static levels (mean costs, no communication): mean a 2.5, b 3, c 2.5, d 2; SL(c) = 2.5, SL(d) = 2,
    // SL(a) = 2.5 + max(SL(c), SL(d)) = 5, SL(b) = 3 + SL(d) = 5.
    // 1. Ready a, b: every pair starts at 0; a and b tie on level 5, a is listed first; p is listed first: a on p [0, 2).
    // 2. Ready b, c: b starts at 2 on p, 0 on q; c at 2 on p, 2 + 1 + 3 = 6 on q. Earliest: b on q [0, 3).
    // 3. Ready c, d: c at 2 on p, max(6, 3) = 6 on q; d on p waits for b's data, 3 + 1 + 2 = 6; on q for a's,
    //    2 + 1 + 1 = 4, so max(4, 3) = 4. Earliest: c on p [2, 6).
    // 4. d: on p max(6, 6) = 6, on q 4: d on q [4, 6).
    const workflow: WorkflowSpec = {
      tasks: [
        { id: 'a', costs: { p: 2, q: 3 } },
        { id: 'b', costs: { p: 3, q: 3 } },
        { id: 'c', costs: { p: 4, q: 1 } },
        { id: 'd', costs: { p: 2, q: 2 } },
      ],
      edges: [
        { from: 'a', to: 'c', data: 3 },
        { from: 'a', to: 'd', data: 1 },
        { from: 'b', to: 'd', data: 2 },
      ],
    };
    const cluster: ClusterSpec = { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 1, bandwidth: 1 } };
    expect(rows(workflow, cluster)).toEqual({ a: ['p', 0, 2], b: ['q', 0, 3], c: ['p', 2, 6], d: ['q', 4, 6] });
  });

  it('breaks a tie in start time by static level, then by input order', () => {
    // One processor; y -> w. SL(x) = 1, SL(y) = 1 + 1 = 2, SL(w) = 1.
    // 1. x and y both start at 0: y has the higher level: y [0, 1).
    // 2. x and w both start at 1 (w's data are local): levels tie at 1, x is listed first: x [1, 2), then w [2, 3).
    const workflow: WorkflowSpec = {
      tasks: [
        { id: 'x', work: 1 },
        { id: 'y', work: 1 },
        { id: 'w', work: 1 },
      ],
      edges: [{ from: 'y', to: 'w', data: 5 }],
    };
    expect(rows(workflow, { processors: [{ id: 'p' }] })).toEqual({ y: ['p', 0, 1], x: ['p', 1, 2], w: ['p', 2, 3] });
  });

  it('counts a task whose data arrive just as the processor frees among those ready on time', () => {
    // One processor; r -> b -> c, a independent. SL(c) = 1, SL(b) = 2, SL(r) = 3, SL(a) = 1.
    // 1. r and a start at 0: r has the higher level: r [0, 1).
    // 2. a (data ready at 0) and b (data ready at 1, when r ends) both start at 1: b's level 2 beats a's 1: b [1, 2).
    // 3. a and c start at 2 with level 1 each: a is listed first: a [2, 3), c [3, 4).
    const workflow: WorkflowSpec = {
      tasks: ['a', 'r', 'b', 'c'].map((id) => ({ id, work: 1 })),
      edges: [
        { from: 'r', to: 'b' },
        { from: 'b', to: 'c' },
      ],
    };
    expect(rows(workflow, { processors: [{ id: 'p' }] })).toEqual({ r: ['p', 0, 1], b: ['p', 1, 2], a: ['p', 2, 3], c: ['p', 3, 4] });
  });

  it('prefers an earlier start on a slower processor to a later one on a faster processor', () => {
    // e (4 on p, 1 on q) and f (1 anywhere) are independent; p is listed first.
    // Levels: e 2.5, f 1. 1. Both start at 0 anywhere: e (higher level) on p [0, 4).
    // 2. f: at 4 on p, at 0 on q: f on q [0, 1). ETF ignores that e would have finished at 1 on q.
    const workflow: WorkflowSpec = { tasks: [{ id: 'e', costs: { p: 4, q: 1 } }, { id: 'f', work: 1 }], edges: [] };
    expect(rows(workflow, { processors: [{ id: 'p' }, { id: 'q' }] })).toEqual({ e: ['p', 0, 4], f: ['q', 0, 1] });
  });
});

describe('the ETF plugin', () => {
  it('runs through the plugin contract with checked output and refuses unknown options', async () => {
    const problem = compileProblem({ tasks: ['a', 'b', 'c', 'd'].map((id) => ({ id, work: 2 })), edges: [] }, { processors: [{ id: 'p' }, { id: 'q' }] });
    const run = await runScheduler(etfPlugin, problem);
    expect(run).toMatchObject({ scheduler: 'etf', makespan: 4 });
    await expect(runScheduler(etfPlugin, problem, { insertion: true })).rejects.toThrow(/options\.insertion: unknown option/);
  });
});
